// Editing one of the practice's own templates (its own, or its copy of a built-in) and making a new
// one. Every save is a new version; assignments keep the version they were given, and a consent's
// new version asks the clients who signed an older one to sign again.

import { api } from "./api.js";
import { QuestionList } from "./staff-template-questions.js";
import { askToConfirm, clearFieldErrors, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const section = document.querySelector("[data-template-editor]");
const form = section.querySelector("[data-editor-form]");
const status = form.querySelector("[data-editor-status]");
const heading = section.querySelector("[data-editor-title]");
const questions = new QuestionList(form.querySelector("[data-questions]"), status);
let editing = null; // the template's id; null while making a new one
let opener = null;
let onSaved = async () => {};
let savedBody = null; // what the form held when opened or last saved, to tell unsaved edits

// Leaving the page (a link, a reload, closing the tab) with unsaved edits: the browser asks first.
window.addEventListener("beforeunload", (event) => {
  if (!unsaved()) return;
  event.preventDefault();
  event.returnValue = "";
});

form.querySelector("[data-add-question]").addEventListener("click", () => questions.add());
form.elements.kind.addEventListener("change", showKind);
form.querySelector("[data-editor-close]").addEventListener("click", async (event) => {
  if (await mayDiscard(event.currentTarget)) close();
});
form.addEventListener("submit", save);

// `saved` runs after every save (the library lists the new version).
export function whenSaved(saved) {
  onSaved = saved;
}

export async function editTemplate(templateId, button) {
  if (!(await mayDiscard(button))) return;
  const answer = await api("GET", `/api/v1/staff/templates/${encodeURIComponent(templateId)}`);
  if (!answer.ok) throw answer.body;
  show(answer.body, button);
}

export async function newTemplate(button) {
  if (await mayDiscard(button)) show(null, button);
}

function unsaved() {
  return !section.hidden && savedBody !== null && JSON.stringify(templateBody()) !== savedBody;
}

// Unsaved edits are dropped only when the person says so.
async function mayDiscard(opener) {
  if (!unsaved()) return true;
  const question = "This form has changes that are not saved. Discard them?";
  return askToConfirm(form.querySelector("[data-discard-confirm]"), question, "Discard changes", opener);
}

function show(template, button) {
  editing = template ? template.id : null;
  opener = button;
  const content = template ? template.content : { title: "", kind: "form", items: [], document: "" };
  clearFieldErrors(form);
  showStatus(status, "");
  form.elements.title.value = content.title;
  form.elements.kind.value = content.kind;
  form.elements.document.value = content.document || "";
  form.querySelector("[data-kind-field]").hidden = Boolean(template);
  questions.load(content.items);
  showVersion(template);
  showKind();
  section.hidden = false;
  savedBody = JSON.stringify(templateBody());
  heading.focus();
  section.scrollIntoView({ block: "start" });
}

function showVersion(template) {
  heading.textContent = template ? `Edit “${template.title}”` : "New form";
  section.querySelector("[data-editor-version]").textContent = template
    ? `Version ${template.version}. Saving makes version ${template.version + 1}; what was assigned keeps the version it was given.`
    : "A form or a consent of your own. Once saved it can be assigned from a client's page.";
  form.querySelector("[data-editor-save]").textContent = template ? "Save as a new version" : "Save new form";
}

function showKind() {
  const consent = form.elements.kind.value === "consent";
  form.querySelector("[data-document-field]").hidden = !consent;
  form.querySelector("[data-questions-heading]").textContent = consent ? "Questions (optional)" : "Questions";
}

function close() {
  section.hidden = true;
  editing = null;
  savedBody = null;
  if (opener && opener.isConnected) opener.focus();
}

async function save(event) {
  event.preventDefault();
  clearFieldErrors(form);
  showStatus(status, "");
  const body = templateBody();
  const problems = { ...(body.title ? {} : { title: ["Give it a title."] }), ...questions.problems() };
  if (Object.keys(problems).length) {
    showFieldErrors(form, problems);
    showStatus(status, "Check the fields marked above.", "error");
    return;
  }
  setBusy(form, true);
  const path = editing ? `/api/v1/staff/templates/${encodeURIComponent(editing)}` : "/api/v1/staff/templates";
  const answer = await api(editing ? "PUT" : "POST", path, body);
  setBusy(form, false);
  if (!answer.ok) {
    const unplaced = answer.body.errors ? showFieldErrors(form, byQuestion(answer.body.errors, body.items)) : [problemMessage(answer.body)];
    showStatus(status, unplaced.join(" ") || "Check the fields marked above.", "error");
    return;
  }
  const made = !editing;
  savedBody = JSON.stringify(body);
  editing = answer.body.id;
  form.querySelector("[data-kind-field]").hidden = true;
  showVersion(answer.body);
  showStatus(status, savedMessage(answer.body, made, body.kind), "success");
  await onSaved();
}

const PARTS = { text: "Question", link_id: "Question id", options: "Choice", label: "label", value: "value", min_label: "Lowest label", max_label: "Highest label", enable_when: "Condition" };

// The server names a question's problem by its place (`items.3.options.0.label`); each is shown
// beside that question (`items.<link_id>`), saying which part, e.g. "Choice 1 label: Longer than …".
function byQuestion(errors, items) {
  const placed = {};
  for (const [field, messages] of Object.entries(errors)) {
    const [root, index, ...rest] = field.split(".");
    const item = root === "items" && /^[0-9]+$/.test(index) ? items[Number(index)] : null;
    if (!item) {
      placed[field] = [...(placed[field] || []), ...[].concat(messages)];
      continue;
    }
    const key = `items.${item.link_id}`;
    const part = partName(rest);
    placed[key] = [...(placed[key] || []), ...[].concat(messages).map((message) => (part ? `${part}: ${message}` : message))];
  }
  return placed;
}

function partName(path) {
  return path
    .map((piece) => (/^[0-9]+$/.test(piece) ? String(Number(piece) + 1) : PARTS[piece] || piece))
    .join(" ");
}

function templateBody() {
  const kind = form.elements.kind.value;
  const text = kind === "consent" ? form.elements.document.value : "";
  return { title: form.elements.title.value.trim(), kind, document: text, items: questions.items() };
}

function savedMessage(saved, made, kind) {
  if (made) return `Saved “${saved.title}” as version 1. It can be assigned from a client's page.`;
  const text = `Saved as version ${saved.version}. Forms already assigned keep their version.`;
  if (kind !== "consent") return text;
  const asked = saved.resign_requested || 0;
  if (!asked) return `${text} No client had signed an earlier version, so nobody was asked to sign again.`;
  return `${text} ${asked === 1 ? "1 client was" : `${asked} clients were`} asked to sign the new version.`;
}
