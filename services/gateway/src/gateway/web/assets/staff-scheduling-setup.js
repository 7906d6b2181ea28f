// The set-up on staff's appointments page: each clinician's weekly hours for self-scheduling and the
// name clients see, the practice's scheduling settings (time zone, notice to cancel, booking lead time
// and horizon) and appointment types (duration, buffer, video or in person). It also fills the
// booking form's clinician and type choices.

import { api } from "./api.js";
import { clearFieldErrors, el, problemMessage, showFieldErrors, showStatus } from "./ui.js";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const availabilityForm = document.querySelector("[data-availability-form]");
const typeForm = document.querySelector("[data-type-form]");
const windowsBox = document.querySelector("[data-windows]");
const setup = { clinicians: [], rows: 0 };

function windowRow(window = { weekday: 0, starts: "09:00", ends: "17:00" }) {
  const number = ++setup.rows;
  const day = el("select", { id: `weekday-${number}`, "data-weekday": true }, ...WEEKDAYS.map((name, index) => el("option", { value: index, text: name })));
  day.value = String(window.weekday);
  const remove = el("button", { type: "button", class: "button button--quiet button--small", text: "Remove" });
  const row = el(
    "div",
    { class: "availability-row", role: "group", "aria-label": `Hours ${number}` },
    el("div", { class: "field" }, el("label", { for: `weekday-${number}`, text: "Day" }), day),
    el("div", { class: "field" }, el("label", { for: `starts-${number}`, text: "From" }), el("input", { id: `starts-${number}`, type: "time", value: window.starts, "data-starts": true })),
    el("div", { class: "field" }, el("label", { for: `ends-${number}`, text: "To" }), el("input", { id: `ends-${number}`, type: "time", value: window.ends, "data-ends": true })),
    remove,
  );
  remove.addEventListener("click", () => row.remove());
  return row;
}

function showClinician(accountId) {
  const clinician = setup.clinicians.find((item) => item.account_id === accountId);
  if (!clinician) return;
  availabilityForm.elements.display_name.value = clinician.display_name || "";
  windowsBox.replaceChildren(...clinician.windows.map(windowRow));
}

function windows() {
  return [...windowsBox.querySelectorAll(".availability-row")].map((row) => ({
    weekday: Number(row.querySelector("[data-weekday]").value),
    starts: row.querySelector("[data-starts]").value.slice(0, 5),
    ends: row.querySelector("[data-ends]").value.slice(0, 5),
  }));
}

availabilityForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(availabilityForm);
  const formStatus = document.querySelector("[data-availability-status]");
  const accountId = availabilityForm.elements.clinician_id.value;
  const body = { display_name: availabilityForm.elements.display_name.value.trim(), windows: windows() };
  const saved = await api("PUT", `/api/v1/staff/clinicians/${encodeURIComponent(accountId)}/availability`, body);
  if (!saved.ok) {
    const unplaced = showFieldErrors(availabilityForm, saved.body.errors || {});
    return showStatus(formStatus, [problemMessage(saved.body), ...unplaced].join(" "), "error");
  }
  showStatus(formStatus, "Availability saved.", "success");
  await loadClinicians();
});

// A clinician's name as clients see it, else their sign-in address (scheduling gives staff no name then).
export function clinicianLabel(accountId) {
  const clinician = setup.clinicians.find((item) => item.account_id === accountId);
  return clinician ? clinician.display_name || clinician.email : "A clinician";
}

async function loadClinicians(bookForm) {
  const answer = await api("GET", "/api/v1/staff/clinicians");
  if (!answer.ok) throw answer.body;
  setup.clinicians = answer.body.items;
  const choices = () => setup.clinicians.map((item) => el("option", { value: item.account_id, text: clinicianLabel(item.account_id) }));
  const chosen = availabilityForm.elements.clinician_id.value;
  availabilityForm.elements.clinician_id.replaceChildren(...choices());
  if (chosen) availabilityForm.elements.clinician_id.value = chosen;
  if (bookForm) bookForm.elements.clinician_id.replaceChildren(...choices());
  showClinician(availabilityForm.elements.clinician_id.value);
}

function typeText(type) {
  const where = type.mode === "video" ? "video" : type.location || "in person";
  return `${type.name} · ${type.duration_minutes} min + ${type.buffer_minutes} min buffer · ${where}`;
}

async function loadTypes(bookForm) {
  const answer = await api("GET", "/api/v1/staff/appointment-types");
  if (!answer.ok) throw answer.body;
  document.querySelector("[data-types]").replaceChildren(...answer.body.items.map((type) => el("li", { class: "appointment", text: typeText(type) })));
  const options = answer.body.items.map((type) => el("option", { value: type.id, text: type.name }));
  bookForm.elements.type_id.replaceChildren(el("option", { value: "", text: "No type: name and minutes below" }), ...options);
}

function typeBody() {
  const values = Object.fromEntries(new FormData(typeForm));
  const body = { name: values.name.trim(), duration_minutes: Number(values.duration_minutes), buffer_minutes: Number(values.buffer_minutes), mode: values.mode };
  if (values.mode === "in_person") body.location = values.location;
  return body;
}

const policyForm = document.querySelector("[data-policy-form]");
const POLICY_NUMBERS = ["cancellation_notice_hours", "booking_lead_hours", "booking_horizon_days"];
const POLICY_CHOICES = ["remind_48h", "remind_2h", "remind_by_email", "remind_by_sms"];

function showPolicy(policy) {
  for (const name of ["time_zone", ...POLICY_NUMBERS]) policyForm.elements[name].value = policy[name];
  for (const name of POLICY_CHOICES) policyForm.elements[name].checked = policy[name] === true;
}

async function savePolicy(event) {
  event.preventDefault();
  clearFieldErrors(policyForm);
  const body = { time_zone: policyForm.elements.time_zone.value.trim() };
  for (const name of POLICY_NUMBERS) body[name] = Number(policyForm.elements[name].value);
  for (const name of POLICY_CHOICES) body[name] = policyForm.elements[name].checked;
  const saved = await api("PATCH", "/api/v1/staff/scheduling/settings", body);
  const policyStatus = document.querySelector("[data-policy-status]");
  if (!saved.ok) {
    showFieldErrors(policyForm, saved.body.errors || {});
    return showStatus(policyStatus, problemMessage(saved.body), "error");
  }
  showPolicy(saved.body);
  showStatus(policyStatus, "Saved. Reload the page to see times in a new time zone.", "success");
}

// The practice's scheduling settings; people who may not change them see them read-only.
function startPolicy(policy, role) {
  showPolicy(policy);
  const editable = role === "owner" || role === "admin";
  document.querySelector("[data-policy-fields]").disabled = !editable;
  document.querySelector("[data-policy-read-only]").hidden = editable;
  policyForm.addEventListener("submit", savePolicy);
}

export async function startSetup(bookForm, policy, role) {
  startPolicy(policy, role);
  availabilityForm.elements.clinician_id.addEventListener("change", (event) => showClinician(event.target.value));
  document.querySelector("[data-add-window]").addEventListener("click", () => {
    windowsBox.append(windowRow());
    windowsBox.lastElementChild.querySelector("select").focus();
  });
  typeForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(typeForm);
    const added = await api("POST", "/api/v1/staff/appointment-types", typeBody());
    const typeStatus = document.querySelector("[data-type-status]");
    if (!added.ok) {
      showFieldErrors(typeForm, added.body.errors || {});
      return showStatus(typeStatus, problemMessage(added.body), "error");
    }
    showStatus(typeStatus, `${added.body.name} added.`, "success");
    typeForm.reset();
    await loadTypes(bookForm);
  });
  await Promise.all([loadClinicians(bookForm), loadTypes(bookForm)]);
}
