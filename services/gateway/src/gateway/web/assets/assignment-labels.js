// How staff pages name forms, their kinds and severities, and the badges that show them.

import { el, humanize, statusBadge } from "./ui.js";

export const KIND_LABELS = { form: "Form", consent: "Consent", assessment: "Assessment" };
export const KIND_GROUPS = [
  ["form", "Forms"],
  ["consent", "Consents"],
  ["assessment", "Assessments"],
];
export const INSTRUMENT_NAMES = { "phq-9": "PHQ-9", "gad-7": "GAD-7" };

export function severityLabel(severity) {
  return humanize(severity);
}

// "moderately severe" → "moderately-severe", for class names.
export function severitySlug(severity) {
  return String(severity).toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

export function severityBadge(severity) {
  return el("span", { class: `badge badge--severity-${severitySlug(severity)}`, text: severityLabel(severity) });
}

// A raised flag stays on the record; once a clinician reviewed it, it says so.
export function riskBadge(review = null) {
  if (review) return el("span", { class: "badge badge--risk-reviewed", text: "Risk reviewed" });
  return el("span", { class: "badge badge--risk", text: "Risk flagged" });
}

export function assignmentBadge(status) {
  return statusBadge(status);
}
