// One task from the practice (/tasks/<assignment id>): a form or assessment to fill — saved as the
// person types, resumed from the draft on any device, checked before it is sent — or a consent to
// read and sign. Once done the answers are read-only; a signed consent offers its PDF.

import { api } from "./api.js";
import { clearFieldErrors, el, formatDay, formatMoment, humanize, problemMessage, requireAccount, setBusy, showStatus } from "./ui.js";
import { missingRequired, readAnswers, renderAnswers, renderQuestions, showVisible, visibleItems, writeAnswer } from "./task-questions.js";
import { showSigners, showSignForm, signatureList, signedByYou } from "./task-signing.js";

const SAVE_DELAY_MS = 800;
const KIND_LABELS = { form: "Form", consent: "Consent to sign", assessment: "Questionnaire" };

const assignmentId = decodeURIComponent(window.location.pathname.split("/").filter(Boolean).pop() || "");
const path = `/api/v1/assignments/${encodeURIComponent(assignmentId)}`;
const pageStatus = document.querySelector("[data-page-status]");
const answerForm = document.querySelector("[data-answer-form]");
const signForm = document.querySelector("[data-sign-form]");

function show(selector, visible = true) {
  document.querySelector(selector).hidden = !visible;
}

function showHeading(task) {
  document.title = `${task.title} · Client Portal`;
  document.querySelector("[data-task-kind]").textContent = KIND_LABELS[task.kind] || "Task";
  document.querySelector("[data-task-title]").textContent = task.title;
  const due = document.querySelector("[data-task-due]");
  due.hidden = !(task.due_on && task.status === "pending");
  due.textContent = task.due_on ? `Please complete by ${formatDay(task.due_on)}` : "";
}

// ---- Filling in: drafts saved as the person types -------------------------------------------

function draftSaver(items) {
  const saveStatus = answerForm.querySelector("[data-save-status]");
  let timer = null;
  let saving = Promise.resolve();
  let lastSent = JSON.stringify(readAnswers(answerForm, items));

  let closed = false;

  function save() {
    timer = null;
    if (closed) return saving;
    const answers = readAnswers(answerForm, items);
    const text = JSON.stringify(answers);
    if (text === lastSent) return saving;
    saveStatus.textContent = "Saving…";
    saving = saving.then(async () => {
      const saved = await api("PUT", `${path}/draft`, { answers });
      if (saved.status === 409) {
        closed = true; // sent meanwhile, from another device
        return load();
      }
      if (saved.ok) lastSent = text;
      saveStatus.dataset.tone = saved.ok ? "" : "error";
      saveStatus.textContent = saved.ok ? "Saved" : "Not saved yet. Check your connection; we will try again as you type.";
    });
    return saving;
  }

  return {
    soon() {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, SAVE_DELAY_MS);
    },
    now() {
      window.clearTimeout(timer);
      return save();
    },
    stop() {
      window.clearTimeout(timer);
      return saving;
    },
    close() {
      closed = true;
      window.clearTimeout(timer);
    },
  };
}

// Messages beside each named question, the first (in the form's order) focused; others in the form's status.
function showAnswerErrors(items, errors) {
  clearFieldErrors(answerForm);
  for (const box of answerForm.querySelectorAll(".choice-group[aria-invalid]")) box.removeAttribute("aria-invalid");
  const unplaced = [];
  let first = null;
  for (const [linkId, messages] of Object.entries(errors)) {
    const slot = answerForm.querySelector(`[data-error-for="${CSS.escape(linkId)}"]`);
    const block = answerForm.querySelector(`[data-question="${CSS.escape(linkId)}"]`);
    if (!slot || !block || block.hidden) {
      unplaced.push([].concat(messages).join(" "));
      continue;
    }
    slot.textContent = [].concat(messages).join(" ");
    const target = block.querySelector("fieldset") || block.querySelector("input, textarea");
    target.setAttribute("aria-invalid", "true");
    const order = items.findIndex((item) => item.link_id === linkId);
    if (!first || order < first.order) first = { order, block };
  }
  if (first) first.block.querySelector("input, textarea").focus();
  return unplaced;
}

function clearAnswerError(linkId) {
  const block = linkId && answerForm.querySelector(`[data-question="${CSS.escape(linkId)}"]`);
  if (!block) return;
  block.querySelector("[data-error-for]").textContent = "";
  for (const invalid of block.querySelectorAll("[aria-invalid]")) invalid.removeAttribute("aria-invalid");
}

function fillIn(task) {
  const items = task.template_version.items;
  renderQuestions(answerForm.querySelector("[data-questions]"), items);
  for (const item of items) writeAnswer(answerForm, item, (task.draft.answers || {})[item.link_id]);
  showVisible(answerForm, items, readAnswers(answerForm, items));
  const saver = draftSaver(items);
  const formStatus = answerForm.querySelector("[data-form-status]");
  const refresh = (event) => {
    clearAnswerError(event.target.name);
    showVisible(answerForm, items, readAnswers(answerForm, items));
    saver.soon();
  };
  answerForm.addEventListener("input", refresh);
  answerForm.addEventListener("change", refresh);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") saver.now();
  });
  answerForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answers = readAnswers(answerForm, items);
    const missing = missingRequired(items, answers);
    if (missing.length) {
      showAnswerErrors(items, Object.fromEntries(missing.map((item) => [item.link_id, "Please answer this question."])));
      showStatus(formStatus, missing.length === 1 ? "One question still needs an answer." : `${missing.length} questions still need an answer.`, "error");
      return;
    }
    clearFieldErrors(answerForm);
    showStatus(formStatus, "");
    setBusy(answerForm, true);
    await saver.stop();
    const shown = new Set(visibleItems(items, answers).map((item) => item.link_id));
    const sent = Object.fromEntries(Object.entries(answers).filter(([linkId]) => shown.has(linkId)));
    const done = await api("POST", `${path}/submit`, { answers: sent });
    setBusy(answerForm, false);
    if (done.ok || done.status === 409) saver.close();
    if (done.ok) return showDone({ ...task, ...done.body, template_version: task.template_version }, done.body.crisis_resources);
    if (done.status === 409) return load();
    const unplaced = done.status === 422 ? showAnswerErrors(items, done.body.errors || {}) : [];
    showStatus(formStatus, [problemMessage(done.body), ...unplaced].join(" "), "error");
  });
  answerForm.hidden = false;
}

// ---- Consents: read, then sign (task-signing.js); a couple's waits for each partner ---------

// The document's words as written, reflowed for a narrow screen: a line the author's editor wrapped
// (a long one) runs on into the next, a short line keeps its break, and a paragraph's short first
// line without a full stop reads as its heading.
function documentBlocks(text) {
  const blocks = [];
  for (const paragraph of text.replaceAll("\r\n", "\n").split(/\n\s*\n/)) {
    const lines = paragraph.split("\n").filter((line) => line.trim() !== "");
    if (!lines.length) continue;
    if (lines.length > 1 && lines[0].length < 60 && !/[.,;:!?]$/.test(lines[0].trim())) blocks.push(el("h3", { class: "document__heading", text: lines.shift() }));
    const joined = lines.reduce((kept, line, index) => (index === 0 ? line : `${kept}${lines[index - 1].length >= 60 ? " " : "\n"}${line}`), "");
    blocks.push(el("p", { text: joined }));
  }
  return blocks;
}

// `signed`: by this account; `shownOnly`: neither signed nor to be signed here.
function showDocument(task, signed = false, shownOnly = false) {
  const version = task.template_version;
  document.querySelector("[data-document-title]").textContent = shownOnly ? "The document" : signed ? "The document you signed" : "Please read";
  document.querySelector("[data-document-text]").replaceChildren(...documentBlocks(version.document || ""));
  document.querySelector("[data-document-version]").textContent = signed || shownOnly ? `Version ${version.number}.` : `Version ${version.number}. This is the exact text you sign.`;
  show("[data-document]");
}

// ---- Done: read-only, the score when the practice shows it, the signed PDF ----------------

function showCrisis(text) {
  document.querySelector("[data-crisis-text]").textContent = text;
  show("[data-crisis]");
}

function showScore(task, score) {
  const line = document.querySelector("[data-score]");
  line.hidden = !score;
  if (!score) return;
  const max = { "phq-9": 27, "gad-7": 21 }[task.instrument];
  line.replaceChildren(el("span", { class: "score__total", text: max ? `Score ${score.total} of ${max}` : `Score ${score.total}` }), el("span", { class: `badge badge--severity-${String(score.severity).replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`, text: humanize(score.severity) }));
}

// "Signed by Robin Doe on …" — or, for a couple's, each partner's signature listed.
function signedText(task) {
  const signature = task.signature;
  const resign = signature && signature.needs_resigning ? " Your practice has since changed this document; the new version is waiting for you under your tasks." : "";
  if ((task.signatures || []).length > 1) return `Signed by each of you.${resign}`;
  return `Signed by ${signature ? signature.full_name : "you"} on ${formatMoment(signature ? signature.signed_at : task.completed_at)}.${resign}`;
}

function showDone(task, crisisResources) {
  answerForm.hidden = true;
  signForm.hidden = true;
  document.querySelector("[data-signers]").hidden = true;
  showHeading(task);
  if (crisisResources) showCrisis(crisisResources);
  const consent = task.kind === "consent";
  document.querySelector("[data-done-title]").textContent = consent ? "Signed" : "Completed";
  document.querySelector("[data-done-text]").textContent = consent
    ? signedText(task)
    : `Sent to your practice on ${formatMoment(task.completed_at)}. Your answers can no longer be changed.`;
  const everyone = consent && (task.signatures || []).length > 1;
  document.querySelector("[data-done-signatures]").hidden = !everyone;
  if (everyone) document.querySelector("[data-done-signatures]").replaceChildren(...signatureList(task.signatures));
  showScore(task, task.score);
  if (consent) {
    document.querySelector("[data-download-link]").href = `${path}/signed-document`;
    show("[data-download]");
    showDocument(task, true);
  } else {
    renderAnswers(document.querySelector("[data-answer-list]"), task.template_version.items, task.answers || {});
    show("[data-answers]");
  }
  show("[data-done]");
  if (crisisResources) document.querySelector("[data-crisis]").scrollIntoView();
  else document.querySelector("[data-done-title]").focus();
}

// The practice named another person who opens this profile (a partner, a guardian) to complete or
// sign this one: it is shown, not offered.
function showForSomeoneElse(task) {
  const card = document.querySelector("[data-signers]");
  const consent = task.kind === "consent";
  card.querySelector("[data-signers-title]").textContent = "Someone else completes this";
  card.querySelector("[data-signers-text]").textContent = consent
    ? "Your practice asked another person who opens this profile to sign this consent, from their own account. There is nothing for you to do."
    : "Your practice asked another person who opens this profile to fill this in, from their own account. There is nothing for you to do.";
  card.querySelector("[data-signature-list]").replaceChildren(...signatureList(task.signatures || []));
  card.hidden = false;
  if (consent) showDocument(task, false, true);
}

// A pending consent: signed by this account already (a couple's, waiting for the partner) or to sign.
function sign(task) {
  showSigners(task);
  const mine = signedByYou(task);
  showDocument(task, mine);
  if (mine) {
    signForm.hidden = true;
    return;
  }
  showSignForm(path, signedAnswer, load);
}

function signedAnswer(task) {
  if (task.status !== "pending") return showDone(task);
  sign(task);
  document.querySelector("[data-signers-title]").focus();
}

async function load(message) {
  const answer = await api("GET", path);
  if (answer.status === 404) {
    showStatus(pageStatus, "This task is no longer available. It may have been withdrawn by your practice.", "error");
    return;
  }
  if (!answer.ok) throw answer.body;
  const task = answer.body;
  showHeading(task);
  document.querySelector("[data-task]").hidden = false;
  if (message) showStatus(pageStatus, message);
  if (task.status !== "pending") return showDone(task, task.crisis_resources);
  if (task.for_someone_else) return showForSomeoneElse(task);
  if (task.kind === "consent") {
    sign(task);
  } else {
    fillIn(task);
  }
}

try {
  if (await requireAccount("client")) await load();
} catch (problem) {
  showStatus(pageStatus, problemMessage(problem), "error");
}
