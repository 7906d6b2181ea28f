// The client's insurance on the Billing page: the primary and secondary policies (with whether each card
// photo is there and whether staff verified it), a form to add or update one with photos of the card's
// front and back (sent one by one after the details), and Remove. Hidden when the practice has insurance off.

import { api } from "./api.js";
import { clearFieldErrors, el, formatDay, problemMessage, showFieldErrors, showStatus } from "./ui.js";

const section = document.querySelector("[data-insurance-section]");
const form = section.querySelector("[data-policy-form]");
const formStatus = form.querySelector("[data-policy-status]");
const listStatus = section.querySelector("[data-policies-status]");
const RANKS = { primary: "Primary insurance", secondary: "Secondary insurance" };

function policyItem(policy) {
  const photos = [policy.has_front ? "front" : null, policy.has_back ? "back" : null].filter(Boolean);
  const verified = policy.verified_at ? `Verified ${formatDay(policy.verified_at.slice(0, 10))}` : "Not verified yet";
  const remove = el("button", { class: "button button--secondary button--small", type: "button", text: "Remove" });
  remove.addEventListener("click", async () => {
    const gone = await api("DELETE", `/api/v1/billing/insurance/${policy.rank}`);
    if (!gone.ok) return showStatus(listStatus, problemMessage(gone.body), "error");
    showStatus(listStatus, `${RANKS[policy.rank]} removed.`, "success");
    await load();
  });
  return el(
    "li",
    { class: "item-list__item", "data-policy": policy.rank },
    el(
      "div",
      { class: "item-list__main" },
      el("p", { class: "item-list__title", text: `${RANKS[policy.rank]}: ${policy.payer}` }),
      el("p", { class: "item-list__meta", text: `Member ID ${policy.member_id} · card photos: ${photos.join(" and ") || "none"} · ${verified}` }),
    ),
    remove,
  );
}

async function load() {
  const answer = await api("GET", "/api/v1/billing/insurance");
  if (answer.status === 403) return; // the practice does not offer insurance here
  if (!answer.ok) return showStatus(listStatus, problemMessage(answer.body), "error");
  const items = answer.body.items;
  section.querySelector("[data-policies]").replaceChildren(...items.map(policyItem));
  section.querySelector("[data-policies-empty]").hidden = items.length > 0;
  section.hidden = false;
}

async function uploadPhoto(rank, side, file) {
  const body = new FormData();
  body.append("file", file);
  return api("PUT", `/api/v1/billing/insurance/${rank}/photos/${side}`, body);
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  const values = Object.fromEntries(new FormData(form));
  const rank = values.rank;
  const details = Object.fromEntries(
    ["payer", "member_id", "group_number", "plan", "subscriber_name", "subscriber_relationship", "subscriber_date_of_birth"].map((name) => [name, values[name]]),
  );
  const saved = await api("PUT", `/api/v1/billing/insurance/${rank}`, details);
  if (!saved.ok) {
    showFieldErrors(form, saved.body.errors);
    return showStatus(formStatus, problemMessage(saved.body), "error");
  }
  for (const side of ["front", "back"]) {
    const file = form.elements[side].files[0];
    if (!file) continue;
    const sent = await uploadPhoto(rank, side, file);
    if (!sent.ok) {
      showFieldErrors(form, sent.body.errors);
      await load();
      return showStatus(formStatus, `The ${side} photo was not saved: ${problemMessage(sent.body)}`, "error");
    }
  }
  form.reset();
  showStatus(formStatus, `${RANKS[rank]} saved.`, "success");
  await load();
});

try {
  await load();
} catch (problem) {
  showStatus(listStatus, problemMessage(problem), "error");
}
