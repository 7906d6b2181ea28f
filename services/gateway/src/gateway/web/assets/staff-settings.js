// The practice's settings: every member of staff reads them, owners and admins change them. Only
// the settings that changed are sent; refusals are shown beside their fields.

import { api } from "./api.js";
import { clearFieldErrors, el, problemMessage, requireAccount, setBusy, showFieldErrors, showStatus } from "./ui.js";

const MAY_CHANGE = new Set(["owner", "admin"]);
const NUMBERS = [
  "invitation_expiry_hours",
  "invitation_reminder_hours",
  "verification_expiry_hours",
  "sign_in_link_expiry_minutes",
  "reset_code_expiry_minutes",
  "staff_pin_expiry_minutes",
  "staff_reset_link_default_hours",
  "session_idle_minutes",
];
const OPTIONAL_TEXTS = ["contact_phone"];
const pageStatus = document.querySelector("[data-page-status]");
const form = document.querySelector("[data-settings-form]");
const formStatus = form.querySelector("[data-form-status]");
let saved = null;

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  showStatus(formStatus, "");
  const mistakes = outOfRange();
  if (Object.keys(mistakes).length) {
    showFieldErrors(form, mistakes);
    return;
  }
  const changes = changed(chosen(), saved);
  if (!Object.keys(changes).length) {
    showStatus(formStatus, "Nothing to save: no setting was changed.");
    return;
  }
  setBusy(form, true);
  const answer = await api("PATCH", "/api/v1/staff/practice/settings", changes);
  setBusy(form, false);
  if (!answer.ok) {
    const unplaced = answer.body.errors ? showFieldErrors(form, flatErrors(answer.body.errors)) : [problemMessage(answer.body)];
    showStatus(formStatus, unplaced.join(" ") || "Check the fields marked above.", "error");
    return;
  }
  show(answer.body);
  showStatus(formStatus, "Saved. Clients see feature changes within 10 seconds; new invitations use the new expiry.", "success");
});

function outOfRange() {
  const mistakes = {};
  for (const input of form.querySelectorAll("input[type=number]")) {
    const value = Number(input.value);
    if (input.value === "" || !Number.isInteger(value) || value < Number(input.min) || value > Number(input.max)) {
      mistakes[input.name] = [`Enter a whole number from ${input.min} to ${input.max}.`];
    }
  }
  return mistakes;
}

function chosen() {
  const values = {
    name: form.elements.name.value.trim(),
    time_zone: form.elements.time_zone.value,
    require_staff_two_factor: form.elements.require_staff_two_factor.checked,
  };
  for (const name of NUMBERS) values[name] = Number(form.elements[name].value);
  for (const name of OPTIONAL_TEXTS) values[name] = form.elements[name].value.trim() || null;
  values.features = {};
  for (const box of form.querySelectorAll("[data-feature]")) values.features[box.dataset.feature] = box.checked;
  return values;
}

function changed(values, before) {
  const changes = {};
  for (const [name, value] of Object.entries(values)) {
    if (name === "features") continue;
    if (value !== before[name]) changes[name] = value;
  }
  const features = Object.fromEntries(Object.entries(values.features).filter(([name, on]) => on !== before.features[name]));
  if (Object.keys(features).length) changes.features = features;
  return changes;
}

// A refused feature comes back as errors["features.<name>"]: shown under the features.
function flatErrors(errors) {
  const flat = {};
  for (const [field, messages] of Object.entries(errors)) {
    const name = field.startsWith("features.") ? "features" : field;
    flat[name] = [...(flat[name] || []), ...[].concat(messages)];
  }
  return flat;
}

function show(settings) {
  saved = settings;
  document.querySelector("[data-practice]").textContent = settings.name || "";
  form.elements.name.value = settings.name || "";
  showTimeZones(form.elements.time_zone, settings.time_zone);
  for (const name of OPTIONAL_TEXTS) form.elements[name].value = settings[name] || "";
  for (const name of NUMBERS) setNumber(form.elements[name], settings[name]);
  form.elements.require_staff_two_factor.checked = Boolean(settings.require_staff_two_factor);
  for (const box of form.querySelectorAll("[data-feature]")) box.checked = settings.features[box.dataset.feature] !== false;
}

// Every IANA zone the browser knows, the saved one among them even if this browser does not know it.
function showTimeZones(select, current) {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const names = zones.includes(current) ? zones : [current, ...zones];
  select.replaceChildren(...names.map((zone) => new Option(zone.replaceAll("_", " "), zone)));
  select.value = current;
}

// A select offers the usual choices; a value chosen another way (through the API) is added to them.
function setNumber(input, value) {
  if (input.tagName === "SELECT" && ![...input.options].some((option) => Number(option.value) === value)) {
    input.append(el("option", { value, text: `${value} hours` }));
  }
  input.value = String(value ?? "");
}

// Load the data last: the form above is wired before it fills.
try {
  const staff = await requireAccount("staff");
  if (staff) {
    const answer = await api("GET", "/api/v1/staff/practice/settings");
    if (!answer.ok) throw answer.body;
    show(answer.body);
    const editable = MAY_CHANGE.has(staff.role);
    form.querySelector("[data-editable]").disabled = !editable;
    form.querySelector("[data-save-actions]").hidden = !editable;
    document.querySelector("[data-read-only]").hidden = editable;
    document.querySelector("[data-settings]").hidden = false;
  }
} catch (problem) {
  showStatus(pageStatus, problemMessage(problem), "error");
}
