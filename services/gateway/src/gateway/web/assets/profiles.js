// The profile picker: a person who may open several profiles (their own, a couple's, a minor's as
// guardian) chooses one; the session's tokens are then scoped to it.

import { api } from "./api.js";
import { avatar } from "./avatar.js";
import { setUpPictureForm } from "./profile-picture.js";
import { el, formatDay, problemMessage, requireAccount, showStatus } from "./ui.js";

const pageStatus = document.querySelector("[data-page-status]");
const list = document.querySelector("[data-profile-list]");
const status = document.querySelector("[data-form-status]");
// Changed when a picture is saved, so the browser asks again instead of reusing what it had.
let pictureVersion = 0;
const KINDS = { self: "Your own profile", partner: "Couple profile", guardian: "As guardian of a minor" };

list.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-profile-id]");
  if (!button) return;
  for (const choice of list.querySelectorAll("button")) choice.disabled = true;
  showStatus(status, "Opening…");
  const chosen = await api("POST", "/api/v1/auth/profile", { profile_id: button.dataset.profileId });
  if (chosen.ok) {
    window.location.assign("/dashboard");
    return;
  }
  for (const choice of list.querySelectorAll("button")) choice.disabled = false;
  showStatus(status, problemMessage(chosen.body), "error");
  await loadProfiles();
});

function kindOf(profile) {
  const kind = KINDS[profile.kind] || profile.kind;
  return profile.ends_on ? `${kind} · until ${formatDay(profile.ends_on)}` : kind;
}

function profileItem(profile, current) {
  const button = el(
    "button",
    { type: "button", class: "profile-choice", "data-profile-id": profile.id, "aria-current": profile.id === current ? "true" : null },
    avatar(profile.initials, `/api/v1/profile-pictures/${encodeURIComponent(profile.id)}?v=${pictureVersion}`),
    el(
      "span",
      { class: "profile-choice__text" },
      el("span", { class: "profile-choice__name", text: profile.name }),
      el("span", { class: "profile-choice__kind", text: profile.id === current ? `${kindOf(profile)} · open now` : kindOf(profile) }),
    ),
  );
  return el("li", {}, button);
}

async function loadProfiles() {
  const profiles = await api("GET", "/api/v1/me/profiles");
  if (!profiles.ok) throw profiles.body;
  const items = profiles.body.items.map((profile) => profileItem(profile, profiles.body.current));
  list.replaceChildren(...(items.length ? items : [el("li", { class: "item-list__empty", text: "There is no profile you can open. Contact your practice." })]));
  // The picture of the profile open now can be changed here.
  document.querySelector("[data-picture]").hidden = !profiles.body.current;
}

// Load the data last: the list's listener is already in place.
try {
  const account = await requireAccount("client", { choosingProfile: true });
  if (account) {
    document.querySelector("[data-practice]").textContent = account.practice_name || "";
    await loadProfiles();
    setUpPictureForm(document.querySelector("[data-picture-form]"), () => {
      pictureVersion += 1;
      return loadProfiles();
    });
    document.querySelector("[data-profiles]").hidden = false;
    document.querySelector("#profiles-title").focus();
  }
} catch (problem) {
  showStatus(pageStatus, problemMessage(problem), "error");
}
