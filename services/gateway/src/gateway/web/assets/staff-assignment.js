// One assignment as staff see it: clinical readers get the answers laid out as the questions, the
// score, the risk flag and a consent's evidence, with the signed PDF (a consent) or the submission's
// PDF (a form or assessment), the FHIR export and printing;
// the front desk gets the status only.

import { api } from "./api.js";
import { INSTRUMENT_NAMES, KIND_LABELS, assignmentBadge, severityBadge } from "./assignment-labels.js";
import { saveFile } from "./download.js";
import { el, formatDay, formatMoment, problemMessage, requireAccount, showStatus } from "./ui.js";

const assignmentId = decodeURIComponent(window.location.pathname.split("/")[3] || "");
const assignmentPath = `/api/v1/staff/assignments/${encodeURIComponent(assignmentId)}`;
const pageStatus = document.querySelector("[data-page-status]");
const actionsStatus = document.querySelector("[data-actions-status]");
const MAX_TOTALS = { "phq-9": 27, "gad-7": 21 };
const NO_ANSWER = new Set(["heading", "instructions"]);
// PHQ-9 item 9: any answer above 0 raises the risk flag.
const RISK_ITEM = "phq9.9";

document.querySelector("[data-print]").addEventListener("click", () => window.print());

document.querySelector("[data-export-fhir]").addEventListener("click", () =>
  download(`${assignmentPath}/fhir`, `questionnaire-response-${assignmentId}.json`, "The FHIR export was downloaded."),
);

document.querySelector("[data-download-pdf]").addEventListener("click", () =>
  download(`${assignmentPath}/signed-document`, `signed-consent-${assignmentId}.pdf`, "The signed PDF was downloaded."),
);

document.querySelector("[data-download-submission]").addEventListener("click", () =>
  download(`${assignmentPath}/submission-document`, `submission-${assignmentId}.pdf`, "The PDF was downloaded."),
);

async function download(path, fallbackName, done) {
  const saved = await saveFile(path, fallbackName);
  showStatus(actionsStatus, saved.ok ? done : problemMessage(saved.body), saved.ok ? "success" : "error");
}

async function load() {
  const answer = await api("GET", assignmentPath);
  if (answer.status === 404) {
    showStatus(pageStatus, "We could not find this form. It may belong to another practice, or the link is incomplete.", "error");
    return;
  }
  if (!answer.ok) throw answer.body;
  const assignment = answer.body;
  const clinical = "template_version" in assignment;
  showHead(assignment);
  showOverview(assignment);
  document.querySelector("[data-front-desk-note]").hidden = clinical;
  if (clinical) showClinical(assignment);
  document.querySelector("[data-submission]").hidden = false;
  await showClient(assignment.client_id);
}

function showHead(assignment) {
  document.title = `${assignment.title} · Client Portal`;
  document.querySelector("[data-kind]").textContent = KIND_LABELS[assignment.kind] || assignment.kind;
  document.querySelector("[data-title]").textContent = assignment.title;
  document.querySelector("[data-status-badge]").replaceChildren(assignmentBadge(assignment.status));
}

async function showClient(clientId) {
  const link = document.querySelector("[data-client-link]");
  link.href = `/staff/clients/${encodeURIComponent(clientId)}`;
  const client = await api("GET", `/api/v1/staff/clients/${encodeURIComponent(clientId)}`);
  const name = client.ok ? `${client.body.first_name} ${client.body.last_name}` : "the client";
  link.textContent = client.ok ? name : "Client";
  document.querySelector("[data-client-name]").textContent = `For ${name}`;
}

function showOverview(assignment) {
  const rows = [
    ["Status", assignment.status === "completed" ? `Completed ${formatMoment(assignment.completed_at)}` : statusText(assignment)],
    ["Assigned", formatMoment(assignment.assigned_at)],
    ["Due", formatDay(assignment.due_on) || "No due date"],
  ];
  if (assignment.template_version) rows.push(["Version", `${assignment.template_version.number}`]);
  document.querySelector("[data-overview]").replaceChildren(...rows.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })]));
}

function statusText(assignment) {
  return assignment.status === "withdrawn" ? "Withdrawn" : "Waiting for the client";
}

function showClinical(assignment) {
  const submitted = assignment.status === "completed";
  document.querySelector("[data-pending-note]").hidden = submitted || assignment.status === "withdrawn";
  document.querySelector("[data-risk]").hidden = !assignment.risk_flag;
  if (assignment.risk_flag) showRiskReview(assignment.risk_review);
  document.querySelector("[data-export-fhir]").hidden = !submitted;
  document.querySelector("[data-download-submission]").hidden = !submitted || assignment.kind === "consent";
  if (assignment.score) showScore(assignment);
  if (assignment.signature) showEvidence(assignment.signature);
  const version = assignment.template_version;
  if (version.document) {
    document.querySelector("[data-document-text]").replaceChildren(...paragraphs(version.document));
    document.querySelector("[data-document]").hidden = false;
  }
  const questions = version.items.filter((item) => item.type !== "signature");
  if (submitted && questions.length) {
    document.querySelector("[data-answer-list]").replaceChildren(...answerList(questions, assignment.answers || {}));
    document.querySelector("[data-answers]").hidden = false;
  }
}

// Who reviewed the risk flag and when; until someone has, a clinician can say they did.
function showRiskReview(review) {
  const text = document.querySelector("[data-risk-review]");
  text.hidden = !review;
  acknowledgeButton.hidden = Boolean(review);
  if (review) text.textContent = `Reviewed by ${review.acknowledged_by_email || "a colleague"} on ${formatMoment(review.acknowledged_at)}.`;
}

const acknowledgeButton = document.querySelector("[data-acknowledge-risk]");
acknowledgeButton.addEventListener("click", async () => {
  const status = document.querySelector("[data-risk-status]");
  acknowledgeButton.disabled = true;
  const answer = await api("POST", `${assignmentPath}/risk-acknowledgement`);
  acknowledgeButton.disabled = false;
  if (!answer.ok) {
    showStatus(status, problemMessage(answer.body), "error");
    return;
  }
  showStatus(status, "");
  showRiskReview(answer.body);
  document.querySelector("[data-risk-review]").focus();
});

function showScore(assignment) {
  const box = document.querySelector("[data-score]");
  const max = MAX_TOTALS[assignment.instrument];
  box.querySelector("[data-score-total]").textContent = String(assignment.score.total);
  box.querySelector("[data-score-max]").textContent = max ? ` of ${max}` : "";
  const name = INSTRUMENT_NAMES[assignment.instrument] || "";
  box.querySelector("[data-severity]").replaceChildren(`${name} severity: `, severityBadge(assignment.score.severity));
  box.hidden = false;
}

function showEvidence(signature) {
  document.querySelector("[data-download-pdf]").hidden = false;
  document.querySelector("[data-needs-resigning]").hidden = !signature.needs_resigning;
  const rows = [
    ["Signed name", signature.full_name],
    ["Signed at", formatMoment(signature.signed_at)],
    ["IP address", signature.ip || "Not recorded"],
    ["Browser (user agent)", signature.user_agent || "Not recorded"],
    ["Document SHA-256", signature.document_sha256],
    ["Signing account", signature.account_id || "Not recorded"],
    ["Drawn signature", signature.has_drawing ? "Yes, in the signed PDF" : "No, typed name only"],
    ["Needs re-signing", signature.needs_resigning ? "Yes" : "No"],
  ];
  document.querySelector("[data-evidence-details]").replaceChildren(
    ...rows.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { class: term === "Document SHA-256" ? "evidence__hash" : null, text: value })]),
  );
  document.querySelector("[data-evidence]").hidden = false;
}

// The document as the client read it: blocks split by blank lines; a block's short first line
// without closing punctuation is its heading; wrapped lines join again.
function paragraphs(text) {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim().split("\n"))
    .filter((lines) => lines[0])
    .flatMap((lines) => {
      const titled = lines.length > 1 && lines[0].length <= 80 && !/[.:;,!?]$/.test(lines[0]);
      const body = el("p", { text: (titled ? lines.slice(1) : lines).join(" ") });
      return titled ? [el("h3", { class: "signed-document__heading", text: lines[0] }), body] : [body];
    });
}

// The questions in order; a question hidden by its condition is left out, as the client never saw it.
function answerList(items, answers) {
  const shown = items.filter((item) => !item.enable_when || conditionHolds(item.enable_when, answers));
  let number = 0;
  return shown.map((item) => {
    if (item.type === "heading") return el("h3", { class: "answers__heading", text: item.text });
    if (NO_ANSWER.has(item.type)) return el("p", { class: "hint answers__instructions", text: item.text });
    number += 1;
    const risky = item.link_id === RISK_ITEM && answers[item.link_id] > 0;
    return el(
      "div",
      { class: risky ? "answer answer--risk" : "answer", "data-answer": item.link_id },
      el("p", { class: "answer__question" }, el("span", { class: "answer__number", text: `${number}.` }), ` ${item.text}`),
      answerText(item, answers[item.link_id]),
    );
  });
}

function conditionHolds(condition, answers) {
  const given = answers[condition.item];
  return Array.isArray(given) ? given.includes(condition.equals) : given === condition.equals;
}

function answerText(item, value) {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) {
    return el("p", { class: "answer__value answer__value--none", text: "No answer" });
  }
  const label = (option) => (item.options || []).find((choice) => choice.value === option)?.label ?? String(option);
  let text = String(value);
  if (item.type === "yes_no") text = value ? "Yes" : "No";
  else if (item.type === "single_choice") text = label(value);
  else if (item.type === "multiple_choice") text = value.map(label).join("; ");
  else if (item.type === "date") text = formatDay(value);
  else if (item.type === "scale") text = `${value} (from ${item.min}${item.min_label ? `, ${item.min_label}` : ""} to ${item.max}${item.max_label ? `, ${item.max_label}` : ""})`;
  const scored = item.type === "single_choice" && typeof value === "number" && /^(phq9|gad7)\./.test(item.link_id);
  return el("p", { class: "answer__value" }, text, scored ? el("span", { class: "answer__points", text: ` · ${value}` }) : null);
}

try {
  if (await requireAccount("staff")) await load();
} catch (problem) {
  showStatus(pageStatus, problemMessage(problem), "error");
}
