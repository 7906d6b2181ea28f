// The client list's status filters (chips with counts) and its checkbox selection with "Invite selected".

import { el, statusLabel } from "./ui.js";

const FILTERS = ["not_invited", "invited", "expired", "signed_up", "active", "disabled", "never_signed_in"];
const LABELS = { never_signed_in: "Never signed in" };
const chips = document.querySelector("[data-filters]");
const rows = document.querySelector("[data-clients]");
const selectAll = document.querySelector("[data-select-all]");
const inviteButton = document.querySelector("[data-invite-selected]");
const countText = document.querySelector("[data-selected-count]");

export function setUpSelection({ onFilter, onInvite }) {
  chips.addEventListener("click", async (event) => {
    const chip = event.target.closest("[data-filter]");
    if (!chip) return;
    await onFilter(chip.dataset.filter);
    chips.querySelector(`[data-filter="${CSS.escape(chip.dataset.filter)}"]`)?.focus();
  });
  rows.addEventListener("change", (event) => {
    if (event.target.matches("[data-select]")) syncSelection();
  });
  selectAll.addEventListener("change", () => {
    for (const box of rows.querySelectorAll("[data-select]")) box.checked = selectAll.checked;
    syncSelection();
  });
  inviteButton.addEventListener("click", async () => {
    const ids = selectedClientIds();
    inviteButton.disabled = true;
    inviteButton.textContent = "Sending…";
    const done = await onInvite(ids);
    inviteButton.textContent = "Invite selected";
    if (done) for (const box of rows.querySelectorAll("[data-select]")) box.checked = false;
    syncSelection();
  });
}

export function showFilters(counts, current) {
  const total = counts ? FILTERS.filter((name) => name !== "never_signed_in").reduce((sum, name) => sum + (counts[name] || 0), 0) : null;
  const chip = (name, label, count) =>
    el(
      "button",
      { type: "button", class: "chip", "data-filter": name, "aria-pressed": String(current === name) },
      el("span", { text: label }),
      count === null ? null : el("span", { class: "chip__count", text: String(count) }),
    );
  chips.replaceChildren(chip("", "All", total), ...FILTERS.map((name) => chip(name, LABELS[name] || statusLabel(name), counts ? counts[name] || 0 : null)));
}

export function selectedClientIds() {
  return [...rows.querySelectorAll("[data-select]:checked")].map((box) => box.dataset.select);
}

export function syncSelection() {
  const boxes = rows.querySelectorAll("[data-select]");
  const count = selectedClientIds().length;
  countText.textContent = count ? `${count} ${count === 1 ? "client" : "clients"} selected` : "No clients selected";
  inviteButton.disabled = count === 0;
  selectAll.checked = boxes.length > 0 && count === boxes.length;
  selectAll.indeterminate = count > 0 && count < boxes.length;
}
