// The practice's form library (built-ins, then its own; a built-in form can be copied, the practice's
// own edited or made: staff-template-editor.js) and the forms settings: whether clients see their
// scores, and the crisis resources text.

import { api } from "./api.js";
import { KIND_LABELS } from "./assignment-labels.js";
import { editTemplate, newTemplate, whenSaved } from "./staff-template-editor.js";
import { clearFieldErrors, el, problemMessage, requireAccount, setBusy, showFieldErrors, showStatus } from "./ui.js";

const MAY_CHANGE = new Set(["owner", "admin"]);
const MAY_EDIT = new Set(["owner", "admin", "clinician"]);
const pageStatus = document.querySelector("[data-page-status]");
const libraryStatus = document.querySelector("[data-library-status]");
const form = document.querySelector("[data-forms-settings-form]");
const settingsStatus = form.querySelector("[data-settings-status]");
let staff = null;
let saved = null;

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  showStatus(settingsStatus, "");
  const changes = {};
  const show = form.elements.show_scores_to_clients.checked;
  const text = form.elements.crisis_resources_text.value.trim();
  if (show !== saved.show_scores_to_clients) changes.show_scores_to_clients = show;
  if (text !== (saved.crisis_resources_is_default ? "" : saved.crisis_resources_text)) changes.crisis_resources_text = text || null;
  if (!Object.keys(changes).length) {
    showStatus(settingsStatus, "Nothing to save: no setting was changed.");
    return;
  }
  setBusy(form, true);
  const answer = await api("PATCH", "/api/v1/staff/forms/settings", changes);
  setBusy(form, false);
  if (!answer.ok) {
    const unplaced = answer.body.errors ? showFieldErrors(form, answer.body.errors) : [problemMessage(answer.body)];
    showStatus(settingsStatus, unplaced.join(" ") || "Check the fields marked above.", "error");
    return;
  }
  showSettings(answer.body);
  showStatus(settingsStatus, "Forms settings saved.", "success");
});

function showSettings(settings) {
  saved = settings;
  form.elements.show_scores_to_clients.checked = settings.show_scores_to_clients;
  const box = form.elements.crisis_resources_text;
  box.value = settings.crisis_resources_is_default ? "" : settings.crisis_resources_text;
  box.placeholder = settings.crisis_resources_is_default ? settings.crisis_resources_text : "";
}

async function loadTemplates() {
  const answer = await api("GET", "/api/v1/staff/templates");
  if (!answer.ok) throw answer.body;
  const titles = Object.fromEntries(answer.body.items.filter((item) => item.builtin).map((item) => [item.key, item.title]));
  document.querySelector("[data-templates]").replaceChildren(...answer.body.items.map((template) => templateRow(template, titles)));
}

function templateRow(template, builtinTitles) {
  let source = "Your own";
  if (template.builtin) source = "Built-in";
  else if (template.copied_from) source = `Copy of ${builtinTitles[template.copied_from] || template.copied_from}`;
  return el(
    "tr",
    { "data-template-row": template.builtin ? template.key : template.id },
    el("td", { "data-label": "Title" }, el("span", { class: "item-list__title", text: template.title })),
    el("td", { "data-label": "Kind", text: template.instrument ? `Assessment (${template.instrument.toUpperCase()})` : KIND_LABELS[template.kind] || template.kind }),
    el("td", { "data-label": "Version", text: template.version ? String(template.version) : "1" }),
    el("td", { "data-label": "Source", text: source }),
    el("td", { class: "table__action" }, copyable(template) ? copyButton(template) : null, editable(template) ? editButton(template) : null),
  );
}

function copyable(template) {
  return template.builtin && !template.instrument && MAY_EDIT.has(staff.role);
}

function editable(template) {
  return !template.builtin && MAY_EDIT.has(staff.role);
}

function editButton(template) {
  const button = el("button", { type: "button", class: "button button--secondary button--small", text: "Edit", "aria-label": `Edit ${template.title}` });
  button.addEventListener("click", async () => {
    showStatus(libraryStatus, "");
    try {
      await editTemplate(template.id, button);
    } catch (problem) {
      showStatus(libraryStatus, problemMessage(problem), "error");
    }
  });
  return button;
}

function copyButton(template) {
  const button = el("button", { type: "button", class: "button button--secondary button--small", text: "Make a copy", "aria-label": `Make a copy of ${template.title}` });
  button.addEventListener("click", async () => {
    button.disabled = true;
    const answer = await api("POST", "/api/v1/staff/templates/copies", { builtin: template.key, title: `${template.title} (our version)` });
    button.disabled = false;
    if (!answer.ok) {
      showStatus(libraryStatus, problemMessage(answer.body), "error");
      return;
    }
    showStatus(libraryStatus, `Copied: “${answer.body.title}” is in your library and can be assigned.`, "success");
    await loadTemplates();
  });
  return button;
}

function offerNewTemplate() {
  const button = document.querySelector("[data-new-template]");
  button.hidden = !MAY_EDIT.has(staff.role);
  button.addEventListener("click", () => newTemplate(button));
  whenSaved(loadTemplates);
}

async function loadSettings() {
  const answer = await api("GET", "/api/v1/staff/forms/settings");
  if (!answer.ok) throw answer.body;
  showSettings(answer.body);
  const mayChange = MAY_CHANGE.has(staff.role);
  form.querySelector("[data-settings-editable]").disabled = !mayChange;
  form.querySelector("[data-settings-actions]").hidden = !mayChange;
  document.querySelector("[data-settings-read-only]").hidden = mayChange;
}

try {
  staff = await requireAccount("staff");
  if (staff) {
    document.querySelector("[data-practice]").textContent = staff.practice_name || "";
    await Promise.all([loadTemplates(), loadSettings()]);
    offerNewTemplate();
    document.querySelector("[data-forms-page]").hidden = false;
  }
} catch (problem) {
  showStatus(pageStatus, problemMessage(problem), "error");
}
