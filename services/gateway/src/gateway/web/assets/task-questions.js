// The questions of a form or assessment: one block per item with real labels (a fieldset and legend
// for choices), which are shown for the answers so far (enable_when), the answers read back from the
// page, and the submitted answers as read-only text.

import { el, formatDay } from "./ui.js";

const DISPLAY_ONLY = new Set(["heading", "instructions"]);
const YES_NO = [
  { value: true, label: "Yes" },
  { value: false, label: "No" },
];

export function answerable(item) {
  return !DISPLAY_ONLY.has(item.type);
}

// Ids built from link ids ("phq9.1") stay valid and unique in the page.
function idFor(item, suffix = "") {
  return `q-${item.link_id.replace(/[^a-z0-9_-]/gi, "-")}${suffix}`;
}

function errorSlot(item) {
  return el("p", { class: "field-error", id: idFor(item, "-error"), "data-error-for": item.link_id });
}

function optionalMark(item) {
  return item.required ? null : el("span", { class: "optional", text: " (optional)" });
}

function textField(item) {
  const long = item.type === "long_text";
  const attributes = {
    id: idFor(item),
    name: item.link_id,
    "aria-describedby": idFor(item, "-error"),
    required: item.required,
  };
  let input;
  if (long) input = el("textarea", { ...attributes, rows: 4, maxlength: 10000 });
  else if (item.type === "date") input = el("input", { ...attributes, type: "date" });
  else if (item.type === "number") input = el("input", { ...attributes, type: "number", step: "any", inputmode: "decimal", min: item.min, max: item.max });
  else if (item.type === "signature") input = el("input", { ...attributes, type: "text", class: "signature-input", autocomplete: "name", maxlength: 200 });
  else input = el("input", { ...attributes, type: "text", maxlength: 500 });
  return el("div", { class: "field" }, el("label", { for: idFor(item), text: item.text }, optionalMark(item)), input, errorSlot(item));
}

function choiceField(item, choices, multiple) {
  const boxes = choices.map((choice, index) => {
    const id = idFor(item, `-${index}`);
    return el(
      "div",
      { class: "check choice" },
      el("input", { id, type: multiple ? "checkbox" : "radio", name: item.link_id, value: String(index), "data-answer-index": index }),
      el("label", { for: id, text: choice.label }),
    );
  });
  return el(
    "fieldset",
    { class: "choice-group", "aria-describedby": idFor(item, "-error"), "data-required": item.required },
    el("legend", { text: item.text }, optionalMark(item)),
    el("div", { class: multiple || choices.length > 2 ? "choices" : "choices choices--row" }, ...boxes),
    errorSlot(item),
  );
}

function scaleField(item) {
  const steps = [];
  for (let n = item.min; n <= item.max; n += 1) steps.push(n);
  const buttons = steps.map((n, index) => {
    const id = idFor(item, `-${index}`);
    return el(
      "span",
      { class: "scale__step" },
      el("input", { id, type: "radio", name: item.link_id, value: String(index) }),
      el("label", { for: id, text: String(n) }),
    );
  });
  const ends = el("div", { class: "scale__ends", "aria-hidden": "true" }, el("span", { text: item.min_label || "" }), el("span", { text: item.max_label || "" }));
  const hintId = idFor(item, "-hint");
  const hint = item.min_label || item.max_label ? el("p", { class: "visually-hidden", id: hintId, text: `${item.min} means ${item.min_label || item.min}, ${item.max} means ${item.max_label || item.max}.` }) : null;
  return el(
    "fieldset",
    { class: "choice-group", "aria-describedby": [hint ? hintId : "", idFor(item, "-error")].join(" ").trim() },
    el("legend", { text: item.text }, optionalMark(item)),
    el("div", { class: "scale" }, ...buttons),
    ends,
    hint,
    errorSlot(item),
  );
}

// The values a choice item offers, in page order: radio/checkbox `value`s are their index in this list.
export function choicesOf(item) {
  if (item.type === "yes_no") return YES_NO;
  if (item.type === "scale") {
    const values = [];
    for (let n = item.min; n <= item.max; n += 1) values.push({ value: n, label: String(n) });
    return values;
  }
  return item.options || [];
}

function questionBody(item) {
  if (item.type === "heading") return el("h2", { class: "question-heading", text: item.text });
  if (item.type === "instructions") return el("p", { class: "instructions", text: item.text });
  if (item.type === "scale") return scaleField(item);
  if (["single_choice", "yes_no"].includes(item.type)) return choiceField(item, choicesOf(item), false);
  if (item.type === "multiple_choice") return choiceField(item, choicesOf(item), true);
  return textField(item);
}

export function renderQuestions(container, items) {
  container.replaceChildren(...items.map((item) => el("div", { class: `question question--${item.type}`, "data-question": item.link_id }, questionBody(item))));
}

function inputsOf(form, item) {
  return [...form.querySelectorAll(`[name="${CSS.escape(item.link_id)}"]`)];
}

// The answer the page holds for `item`, or undefined when there is none.
export function readAnswer(form, item) {
  const inputs = inputsOf(form, item);
  if (!inputs.length) return undefined;
  if (inputs[0].type === "radio" || inputs[0].type === "checkbox") {
    const choices = choicesOf(item);
    const picked = inputs.filter((input) => input.checked).map((input) => choices[Number(input.value)].value);
    if (item.type === "multiple_choice") return picked.length ? picked : undefined;
    return picked.length ? picked[0] : undefined;
  }
  const text = inputs[0].value;
  if (item.type === "number") return text === "" || !Number.isFinite(Number(text)) ? undefined : Number(text);
  return text.trim() === "" ? undefined : text;
}

export function writeAnswer(form, item, value) {
  const inputs = inputsOf(form, item);
  if (!inputs.length || value === undefined || value === null) return;
  if (inputs[0].type === "radio" || inputs[0].type === "checkbox") {
    const wanted = [].concat(value);
    const choices = choicesOf(item);
    for (const input of inputs) input.checked = wanted.some((v) => v === choices[Number(input.value)].value);
  } else {
    inputs[0].value = String(value);
  }
}

export function readAnswers(form, items) {
  const answers = {};
  for (const item of items.filter(answerable)) {
    const value = readAnswer(form, item);
    if (value !== undefined) answers[item.link_id] = value;
  }
  return answers;
}

function holds(condition, answer) {
  if (Array.isArray(answer)) return answer.includes(condition.equals);
  return answer === condition.equals;
}

// The items shown for these answers, as forms decides: a condition holds only when its question is shown too.
export function visibleItems(items, answers) {
  const shown = new Set();
  const visible = [];
  for (const item of items) {
    const condition = item.enable_when;
    if (!condition || (shown.has(condition.item) && holds(condition, answers[condition.item]))) {
      shown.add(item.link_id);
      visible.push(item);
    }
  }
  return visible;
}

export function showVisible(form, items, answers) {
  const shown = new Set(visibleItems(items, answers).map((item) => item.link_id));
  for (const block of form.querySelectorAll("[data-question]")) block.hidden = !shown.has(block.dataset.question);
}

export function missingRequired(items, answers) {
  return visibleItems(items, answers).filter((item) => item.required && answerable(item) && answers[item.link_id] === undefined);
}

function answerText(item, value) {
  if (item.type === "date") return formatDay(value);
  if (item.type === "scale") return `${value} on a scale of ${item.min} to ${item.max}`;
  if (["single_choice", "multiple_choice", "yes_no"].includes(item.type)) {
    const choices = choicesOf(item);
    const label = (v) => (choices.find((choice) => choice.value === v) || { label: String(v) }).label;
    return [].concat(value).map(label).join(", ");
  }
  return String(value);
}

// The submitted answers, read-only, under the form's headings (the same layout staff see); unanswered
// questions say so.
export function renderAnswers(container, items, answers) {
  const parts = [];
  for (const item of visibleItems(items, answers)) {
    if (item.type === "instructions") continue;
    if (item.type === "heading") {
      parts.push(el("h3", { class: "answers__heading", text: item.text }));
      continue;
    }
    const value = answers[item.link_id];
    const given = value !== undefined && value !== null;
    parts.push(
      el(
        "div",
        { class: "answer" },
        el("p", { class: "answer__question", text: item.text }),
        el("p", { class: given ? "answer__value" : "answer__value answer__value--none", text: given ? answerText(item, value) : "Not answered" }),
      ),
    );
  }
  container.replaceChildren(...parts);
}
