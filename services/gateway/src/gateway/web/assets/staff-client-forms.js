// The client page's "Forms and assessments": assign one template or several as a packet, follow
// what was assigned (status, dates, the risk flag forms gives clinical readers), withdraw what is
// still pending; repeating assessments are staff-client-recurring.js.

import { api } from "./api.js";
import { KIND_GROUPS, KIND_LABELS, assignmentBadge, riskBadge } from "./assignment-labels.js";
import { showRecurring } from "./staff-client-recurring.js";
import { showScores } from "./staff-score-chart.js";
import { askToConfirm, clearFieldErrors, el, formatDay, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const clientId = decodeURIComponent(window.location.pathname.split("/")[3] || "");
const clientPath = `/api/v1/staff/clients/${encodeURIComponent(clientId)}`;
const form = document.querySelector("[data-assign-form]");
const status = form.querySelector("[data-assign-status]");
const button = form.querySelector("[data-assign-button]");
const rows = document.querySelector("[data-assignments]");
const section = document.querySelector("[data-forms]");
const signerPicker = form.querySelector("[data-signer-picker]");
const LINK_KINDS = { self: "Own account", partner: "Partner", guardian: "Guardian" };
// The accounts that open this profile, by id (their address), when the staff member may see them.
let reach = new Map();

form.addEventListener("change", () => {
  const count = chosenTemplates().length;
  button.disabled = count === 0;
  button.textContent = count > 1 ? `Assign ${count} as a packet` : "Assign";
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  const templates = chosenTemplates();
  if (!templates.length) {
    showFieldErrors(form, { templates: ["Pick at least one form or assessment."] });
    return;
  }
  const due = form.elements.due_on.value || null;
  const signers = chosenSigners();
  showStatus(status, "");
  setBusy(form, true);
  const answer =
    templates.length === 1
      ? await api("POST", `${clientPath}/assignments`, { template: templates[0], due_on: due, signers })
      : await api("POST", `${clientPath}/packets`, { templates, due_on: due, signers });
  setBusy(form, false);
  if (!answer.ok) {
    const unplaced = answer.body.errors ? showFieldErrors(form, flatErrors(answer.body.errors)) : [problemMessage(answer.body)];
    showStatus(status, unplaced.join(" ") || "Check the fields marked above.", "error");
    return;
  }
  const made = answer.body.items || [answer.body];
  showStatus(status, `Assigned: ${made.map((item) => item.title).join(", ")}.`, "success");
  form.reset();
  button.disabled = true;
  button.textContent = "Assign";
  await loadAssignments();
});

function chosenSigners() {
  return [...form.querySelectorAll("[data-signer]:checked")].map((box) => box.value);
}

// Offered only for a profile that several accounts open (a couple's, a minor's with guardians).
async function loadSigners() {
  const answer = await api("GET", `${clientPath}/links`);
  const open = answer.ok ? answer.body.items.filter((link) => link.active) : [];
  reach = new Map(open.map((link) => [link.account_id, link.account_email]));
  signerPicker.hidden = open.length < 2;
  form.querySelector("[data-signer-choices]").replaceChildren(...open.map(signerChoice));
}

function signerChoice(link) {
  const id = `signer-${link.account_id}`;
  return el(
    "div",
    { class: "check" },
    el("input", { id, type: "checkbox", name: "signers", value: link.account_id, "data-signer": true }),
    el("label", { for: id, text: link.account_email }, el("span", { class: "tag", text: LINK_KINDS[link.kind] || link.kind })),
  );
}

function chosenTemplates() {
  return [...form.querySelectorAll("[data-template]:checked")].map((box) => box.value);
}

function flatErrors(errors) {
  const flat = {};
  for (const [field, messages] of Object.entries(errors)) flat[field.split(".")[0]] = [].concat(messages).flat();
  return flat;
}

async function loadTemplates() {
  const answer = await api("GET", "/api/v1/staff/templates");
  if (!answer.ok) {
    showStatus(status, problemMessage(answer.body), "error");
    return;
  }
  const groups = KIND_GROUPS.map(([kind, heading]) => {
    const templates = answer.body.items.filter((template) => template.kind === kind);
    if (!templates.length) return null;
    return el("div", { class: "template-picker__group" }, el("p", { class: "template-picker__heading", text: heading }), ...templates.map(templateChoice));
  });
  form.querySelector("[data-template-groups]").replaceChildren(...groups.filter(Boolean));
}

function templateChoice(template) {
  const ref = template.builtin ? template.key : template.id;
  const id = `assign-${ref}`;
  return el(
    "div",
    { class: "check" },
    el("input", { id, type: "checkbox", name: "templates", value: ref, "data-template": true }),
    el("label", { for: id, text: template.title }, template.builtin ? null : el("span", { class: "tag", text: "Yours" })),
  );
}

async function loadAssignments() {
  const answer = await api("GET", `${clientPath}/assignments`);
  if (!answer.ok) {
    showStatus(status, problemMessage(answer.body), "error");
    return;
  }
  const items = answer.body.items;
  rows.replaceChildren(...items.map(assignmentRow));
  section.querySelector("[data-assignments-empty]").hidden = items.length > 0;
  rows.closest("table").hidden = items.length === 0;
}

function assignmentRow(assignment) {
  const link = el("a", { href: `/staff/assignments/${encodeURIComponent(assignment.id)}`, text: assignment.title });
  const kind = el("span", { class: "assignments-table__kind", text: KIND_LABELS[assignment.kind] || assignment.kind });
  const named = (assignment.signers || []).map((id) => reach.get(id) || "an account no longer linked");
  const who = named.length ? el("span", { class: "assignments-table__kind", text: `For ${named.join(", ")}`, "data-assignment-signers": true }) : null;
  const badges = el("span", { class: "badges" }, assignmentBadge(assignment.status), assignment.risk_flag ? riskBadge(assignment.risk_review) : null);
  return el(
    "tr",
    { "data-assignment": assignment.id },
    el("td", { "data-label": "Form" }, link, kind, who),
    el("td", { "data-label": "Status" }, badges),
    el("td", { "data-label": "Due", text: formatDay(assignment.due_on) || "—" }),
    el("td", { "data-label": "Completed", text: formatDay(assignment.completed_at) || "—" }),
    el("td", { class: "table__action" }, assignment.status === "pending" ? withdrawButton(assignment) : null),
  );
}

function withdrawButton(assignment) {
  const withdraw = el("button", { type: "button", class: "button button--quiet button--small", text: "Withdraw" });
  withdraw.setAttribute("aria-label", `Withdraw ${assignment.title}`);
  withdraw.addEventListener("click", async () => {
    const question = `Withdraw “${assignment.title}”? It leaves the client's tasks and cannot be given back; assign it again if needed.`;
    if (!(await askToConfirm(section.querySelector("[data-withdraw-confirm]"), question, "Withdraw", withdraw))) return;
    const answer = await api("POST", `/api/v1/staff/assignments/${encodeURIComponent(assignment.id)}/withdraw`);
    if (!answer.ok) {
      showStatus(status, problemMessage(answer.body), "error");
      return;
    }
    showStatus(status, `“${assignment.title}” was withdrawn.`, "success");
    await loadAssignments();
  });
  return withdraw;
}

async function loadScores() {
  const answer = await api("GET", `${clientPath}/scores`);
  // The front desk follows statuses only: no scores (and forms lists no risk flags for them).
  if (!answer.ok) return;
  showScores(document.querySelector("[data-scores]"), answer.body.items);
}

try {
  await loadSigners();
  await Promise.all([loadTemplates(), loadScores(), loadAssignments(), showRecurring(clientPath, loadAssignments)]);
} catch (problem) {
  showStatus(status, problemMessage(problem), "error");
}
