// On a client's staff page: the client's email addresses (which one invitations go to, adding and
// removing) and the accounts that may open this client's profile (self, partner, guardian).

import { api } from "./api.js";
import { clearFieldErrors, el, formatDay, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const emailList = document.querySelector("[data-emails]");
const emailForm = document.querySelector("[data-add-email-form]");
const emailStatus = document.querySelector("[data-emails-status]");
const linksSection = document.querySelector("[data-links]");
const linkList = document.querySelector("[data-links-list]");
const linkForm = document.querySelector("[data-link-form]");
const linkStatus = document.querySelector("[data-links-status]");
const KINDS = { self: "Self", partner: "Partner", guardian: "Guardian" };

// `changed(client)` is told the client as identity answers it after each change.
export function setUpClientEmails(clientPath, changed) {
  const send = async (path, address, done) => {
    const answer = await api("POST", `${clientPath}/${path}`, { address });
    if (!answer.ok) {
      const errors = answer.body.errors;
      if (errors && path === "emails") showFieldErrors(emailForm, errors);
      showStatus(emailStatus, errors ? "Check the address." : problemMessage(answer.body), "error");
      return false;
    }
    changed(answer.body);
    showStatus(emailStatus, done, "success");
    return true;
  };
  emailList.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-email-action]");
    if (!button) return;
    button.disabled = true;
    const { emailAction, address } = button.dataset;
    const done = emailAction === "default" ? `Invitations now go to ${address}.` : `${address} was removed.`;
    if (!(await send(emailAction === "default" ? "emails/default" : "emails/remove", address, done))) button.disabled = false;
  });
  emailForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(emailForm);
    const address = emailForm.elements.address.value.trim();
    if (!address.includes("@")) {
      showFieldErrors(emailForm, { address: ["Enter an email address."] });
      return;
    }
    setBusy(emailForm, true);
    if (await send("emails", address, `${address} was added.`)) emailForm.reset();
    setBusy(emailForm, false);
  });
}

export function showClientEmails(client) {
  emailList.replaceChildren(...(client.emails || []).map(emailItem));
}

function emailItem(item) {
  const actions = item.is_default
    ? [el("span", { class: "tag", text: "Default" })]
    : [
        el("button", { type: "button", class: "button button--quiet button--small", "data-email-action": "default", "data-address": item.address, "aria-label": `Make ${item.address} the default`, text: "Make default" }),
        el("button", { type: "button", class: "button button--quiet button--small", "data-email-action": "remove", "data-address": item.address, "aria-label": `Remove ${item.address}`, text: "Remove" }),
      ];
  return el("li", { class: "email-list__item" }, el("span", { class: "email-list__address", text: item.address }), el("span", { class: "email-list__actions" }, ...actions));
}

export function setUpProfileLinks(clientPath) {
  linkList.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-unlink]");
    if (!button) return;
    button.disabled = true;
    const removed = await api("DELETE", `${clientPath}/links/${encodeURIComponent(button.dataset.unlink)}`);
    if (!removed.ok) {
      button.disabled = false;
      showStatus(linkStatus, problemMessage(removed.body), "error");
      return;
    }
    showStatus(linkStatus, "That account can no longer open this profile.", "success");
    await loadProfileLinks(clientPath);
  });
  linkForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(linkForm);
    const body = { account_email: linkForm.elements.account_email.value.trim(), kind: linkForm.elements.kind.value };
    if (linkForm.elements.ends_on.value) body.ends_on = linkForm.elements.ends_on.value;
    setBusy(linkForm, true);
    const linked = await api("POST", `${clientPath}/links`, body);
    setBusy(linkForm, false);
    if (!linked.ok) {
      const unplaced = linked.body.errors ? showFieldErrors(linkForm, linked.body.errors) : [];
      showStatus(linkStatus, linked.body.errors ? unplaced.join(" ") || "Check the fields marked above." : problemMessage(linked.body), "error");
      return;
    }
    linkForm.reset();
    showStatus(linkStatus, `${linked.body.account_email} can now open this profile.`, "success");
    await loadProfileLinks(clientPath);
  });
}

// Staff whose role may not see the links do not get the section at all.
export async function loadProfileLinks(clientPath) {
  const links = await api("GET", `${clientPath}/links`);
  linksSection.hidden = !links.ok;
  if (!links.ok) return;
  const items = links.body.items.map(linkItem);
  linkList.replaceChildren(...(items.length ? items : [el("li", { class: "item-list__empty", text: "No account can open this profile yet." })]));
}

function linkItem(link) {
  const ends = link.ends_on ? `Until ${formatDay(link.ends_on)}` : "No end date";
  const state = link.active ? ends : `Ended ${formatDay(link.ends_on)}`;
  return el(
    "li",
    { class: "item-list__item" },
    el(
      "div",
      { class: "item-list__main" },
      el("span", { class: "item-list__title", text: link.account_email }, el("span", { class: "tag", text: KINDS[link.kind] || link.kind })),
      el("span", { class: "item-list__meta", text: state }),
    ),
    el("button", { type: "button", class: "button button--quiet button--small", "data-unlink": link.id, "aria-label": `Unlink ${link.account_email}`, text: "Unlink" }),
  );
}
