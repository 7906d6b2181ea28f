// The client page's "Insurance": each policy (payer, member and group, plan, subscriber), links to the
// card's photos, and "Mark verified" (who and when are recorded; the client's next change clears it).

import { api } from "./api.js";
import { el, formatDay, problemMessage, showStatus } from "./ui.js";

const clientId = decodeURIComponent(window.location.pathname.split("/")[3] || "");
const insurancePath = `/api/v1/staff/clients/${encodeURIComponent(clientId)}/insurance`;
const section = document.querySelector("[data-staff-insurance]");
const status = section.querySelector("[data-staff-insurance-status]");
const RANKS = { primary: "Primary", secondary: "Secondary" };

function photoLink(policy, side) {
  const href = `${insurancePath}/${policy.rank}/photos/${side}`;
  return el("a", { href, target: "_blank", rel: "noopener", text: `Card ${side}` });
}

function policyItem(policy) {
  const subscriber = `${policy.subscriber_name} (${policy.subscriber_relationship}), born ${formatDay(policy.subscriber_date_of_birth)}`;
  const photos = ["front", "back"].filter((side) => policy[`has_${side}`]).map((side) => photoLink(policy, side));
  const verified = policy.verified_at
    ? el("p", { class: "item-list__meta", text: `Verified ${formatDay(policy.verified_at.slice(0, 10))}` })
    : el("button", { class: "button button--secondary button--small", type: "button", text: "Mark verified" });
  if (!policy.verified_at) {
    verified.addEventListener("click", async () => {
      const done = await api("POST", `${insurancePath}/${policy.rank}/verify`);
      if (!done.ok) return showStatus(status, problemMessage(done.body), "error");
      showStatus(status, `${RANKS[policy.rank]} insurance marked verified.`, "success");
      await load();
    });
  }
  return el(
    "li",
    { class: "item-list__item", "data-staff-policy": policy.rank },
    el(
      "div",
      { class: "item-list__main" },
      el("p", { class: "item-list__title", text: `${RANKS[policy.rank]}: ${policy.payer}${policy.plan ? ` · ${policy.plan}` : ""}` }),
      el("p", { class: "item-list__meta", text: `Member ID ${policy.member_id}${policy.group_number ? ` · Group ${policy.group_number}` : ""}` }),
      el("p", { class: "item-list__meta", text: `Subscriber ${subscriber}` }),
      photos.length ? el("p", { class: "item-list__meta" }, ...photos.flatMap((link, i) => (i ? [" · ", link] : [link]))) : el("p", { class: "item-list__meta", text: "No card photos" }),
    ),
    verified,
  );
}

async function load() {
  const answer = await api("GET", insurancePath);
  if (answer.status === 403 || answer.status === 404) return;
  if (!answer.ok) return showStatus(status, problemMessage(answer.body), "error");
  section.querySelector("[data-staff-policies]").replaceChildren(...answer.body.items.map(policyItem));
  section.querySelector("[data-staff-policies-empty]").hidden = answer.body.items.length > 0;
  section.hidden = false;
}

if (clientId) {
  try {
    await load();
  } catch (problem) {
    showStatus(status, problemMessage(problem), "error");
  }
}
