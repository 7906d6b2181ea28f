// The questions of a template in the editor: each one's type, wording, whether it must be answered,
// its options ("value | label" a line), its bounds and the earlier answer that shows it; added,
// removed and moved in place. Rebuilt from the list of questions after every change of shape.

import { el, showStatus } from "./ui.js";

export const TYPE_LABELS = {
  short_text: "Short text",
  long_text: "Long text",
  single_choice: "One choice",
  multiple_choice: "Several choices",
  yes_no: "Yes or no",
  date: "Date",
  number: "Number",
  scale: "Scale",
  heading: "Heading",
  instructions: "Instructions",
  signature: "Typed signature",
};
const CHOICES = new Set(["single_choice", "multiple_choice"]);
const BOUNDED = new Set(["number", "scale"]);
const DISPLAY_ONLY = new Set(["heading", "instructions"]);
const TEXT_LABELS = { heading: "Heading", instructions: "Instructions" };

export class QuestionList {
  constructor(list, status) {
    this.list = list;
    this.status = status;
    this.entries = [];
    this.serial = 0;
    list.addEventListener("input", (event) => this.edited(event.target));
    list.addEventListener("change", (event) => this.changed(event.target));
    list.addEventListener("click", (event) => this.clicked(event.target.closest("button[data-move]")));
  }

  load(items) {
    this.entries = items.map((item) => this.entry(item));
    this.render();
  }

  add() {
    let number = this.entries.length + 1;
    while (this.entries.some((entry) => entry.item.link_id === `question-${number}`)) number += 1;
    const entry = this.entry({ link_id: `question-${number}`, type: "short_text", text: "", required: false });
    this.entries.push(entry);
    this.render();
    document.getElementById(`${entry.uid}-type`).focus();
  }

  // The questions as the API takes them: only the fields their type uses.
  items() {
    return this.entries.map(itemBody);
  }

  // Problems the browser can name before asking the server, keyed as the server keys them.
  problems() {
    const found = {};
    for (const { item } of this.entries) {
      if (!item.text.trim()) found[`items.${item.link_id}`] = ["Write the question's text."];
    }
    return found;
  }

  entry(item) {
    this.serial += 1;
    const options = item.options || [];
    const known = new Map(options.map((option) => [String(option.value), option.value]));
    const optionsText = options.map((option) => `${option.value} | ${option.label}`).join("\n");
    return { uid: `question${this.serial}`, item: { ...item, options: undefined }, optionsText, known };
  }

  render() {
    const focused = document.activeElement && this.list.contains(document.activeElement) ? document.activeElement.id : "";
    this.list.replaceChildren(...this.entries.map((entry, index) => this.card(entry, index)));
    if (!focused) return;
    const again = document.getElementById(focused);
    const other = focused.endsWith("-up") ? focused.replace(/-up$/, "-down") : focused.replace(/-down$/, "-up");
    (again && !again.disabled ? again : document.getElementById(other))?.focus();
  }

  card(entry, index) {
    const { uid, item } = entry;
    const number = index + 1;
    const title = `${number}. ${TYPE_LABELS[item.type] || item.type}`;
    const tools = el(
      "div",
      { class: "question-editor__tools" },
      moveButton(uid, "up", `Move question ${number} up`, "Up", index === 0),
      moveButton(uid, "down", `Move question ${number} down`, "Down", index === this.entries.length - 1),
      moveButton(uid, "remove", `Remove question ${number}`, "Remove", false),
    );
    return el(
      "li",
      { class: "question-editor", "data-uid": uid, "data-question": item.link_id },
      el("div", { class: "question-editor__head" }, el("h3", { id: `${uid}-title`, tabindex: -1, text: title }), tools),
      el("p", { class: "field-error", id: `${uid}-error`, "data-error-for": `items.${item.link_id}` }),
      el("div", { class: "form-grid" }, typeField(uid, item), textField(uid, item)),
      DISPLAY_ONLY.has(item.type) ? null : check(`${uid}-required`, "required", "An answer is required", item.required),
      CHOICES.has(item.type) ? optionsField(entry) : null,
      BOUNDED.has(item.type) ? boundsFields(uid, item) : null,
      el("div", { class: "condition", "data-condition": true }, ...this.conditionFields(entry, index)),
    );
  }

  conditionFields(entry, index) {
    const { uid, item } = entry;
    const earlier = this.entries.slice(0, index).filter((other) => !DISPLAY_ONLY.has(other.item.type));
    const chosen = item.enable_when ? item.enable_when.item : "";
    const choices = earlier.map((other) =>
      el("option", { value: other.item.link_id, selected: other.item.link_id === chosen, text: shortText(other) }),
    );
    if (chosen && !earlier.some((other) => other.item.link_id === chosen)) {
      choices.push(el("option", { value: chosen, selected: true, text: "A question that is no longer before this one" }));
    }
    const when = el("select", { id: `${uid}-when`, "data-field": "when" }, el("option", { value: "", text: "Always" }), ...choices);
    const source = this.entries.find((other) => other.item.link_id === chosen);
    return [
      el("div", { class: "field" }, el("label", { for: `${uid}-when`, text: "Show this question" }), when),
      chosen ? el("div", { class: "field" }, el("label", { for: `${uid}-equals`, text: "only when the answer is" }), equalsControl(uid, item, source)) : null,
    ];
  }

  // Conditions name earlier questions by their text and options: refreshed wherever nobody is typing.
  refreshConditions(from) {
    this.entries.forEach((entry, index) => {
      if (index < from) return;
      const slot = this.list.querySelector(`[data-uid="${entry.uid}"] [data-condition]`);
      if (slot && !slot.contains(document.activeElement)) slot.replaceChildren(...this.conditionFields(entry, index));
    });
  }

  edited(target) {
    const entry = this.entryOf(target);
    const field = target.dataset.field;
    if (!entry || !field) return;
    if (field === "options") entry.optionsText = target.value;
    else if (field === "required") entry.item.required = target.checked;
    else if (field === "equals") entry.item.enable_when = { item: entry.item.enable_when.item, equals: equalsValue(target, entry, this) };
    else if (field !== "when" && field !== "type") entry.item[field] = target.value;
  }

  changed(target) {
    const entry = this.entryOf(target);
    const field = target.dataset.field;
    if (!entry || !field) return;
    if (field === "type") {
      entry.item.type = target.value;
      if (DISPLAY_ONLY.has(target.value)) entry.item.required = false;
      this.render();
    } else if (field === "when") {
      entry.item.enable_when = target.value ? { item: target.value, equals: firstAnswer(this.source(target.value)) } : null;
      const slot = target.closest("[data-condition]");
      slot.replaceChildren(...this.conditionFields(entry, this.entries.indexOf(entry)));
      slot.querySelector(`#${entry.uid}-when`).focus();
    } else if (field === "text" || field === "options") {
      // Once focus has settled: only later questions' conditions name this one.
      setTimeout(() => this.refreshConditions(this.entries.indexOf(entry) + 1), 0);
    }
  }

  clicked(button) {
    if (!button) return;
    const entry = this.entryOf(button);
    const index = this.entries.indexOf(entry);
    if (button.dataset.move === "remove") {
      this.entries.splice(index, 1);
      this.render();
      const next = this.entries[Math.min(index, this.entries.length - 1)];
      (next ? document.getElementById(`${next.uid}-title`) : this.list.parentElement.querySelector("[data-add-question]")).focus();
      showStatus(this.status, `Question ${index + 1} removed. It is gone once you save.`);
      return;
    }
    const to = button.dataset.move === "up" ? index - 1 : index + 1;
    this.entries.splice(index, 1);
    this.entries.splice(to, 0, entry);
    this.render();
    showStatus(this.status, `Question moved to position ${to + 1}.`);
  }

  entryOf(node) {
    const card = node && node.closest("[data-uid]");
    return card ? this.entries.find((entry) => entry.uid === card.dataset.uid) : null;
  }

  source(linkId) {
    return this.entries.find((entry) => entry.item.link_id === linkId);
  }
}

function moveButton(uid, move, label, text, disabled) {
  return el("button", { type: "button", class: "button button--quiet button--small", id: `${uid}-${move}`, "data-move": move, "aria-label": label, text, disabled });
}

function typeField(uid, item) {
  const choices = Object.entries(TYPE_LABELS).map(([value, text]) => el("option", { value, text, selected: value === item.type }));
  return el("div", { class: "field" }, el("label", { for: `${uid}-type`, text: "Type" }), el("select", { id: `${uid}-type`, "data-field": "type" }, ...choices));
}

function textField(uid, item) {
  const box = el("textarea", { id: `${uid}-text`, name: `items.${item.link_id}`, rows: 2, maxlength: 4000, "data-field": "text", "aria-describedby": `${uid}-error` });
  box.value = item.text || "";
  return el("div", { class: "field" }, el("label", { for: `${uid}-text`, text: TEXT_LABELS[item.type] || "Question" }), box);
}

function check(id, field, label, checked) {
  return el("div", { class: "check" }, el("input", { id, type: "checkbox", "data-field": field, checked }), el("label", { for: id, text: label }));
}

function optionsField({ uid, optionsText }) {
  const box = el("textarea", { id: `${uid}-options`, rows: 4, "data-field": "options", "aria-describedby": `${uid}-options-hint` });
  box.value = optionsText;
  const hint = "One a line, as “value | label” (the value is what is stored), or just the label.";
  return el("div", { class: "field" }, el("label", { for: `${uid}-options`, text: "Options" }), el("p", { class: "hint", id: `${uid}-options-hint`, text: hint }), box);
}

function boundsFields(uid, item) {
  const input = (field, label, type) => {
    const node = el("input", { id: `${uid}-${field}`, type, "data-field": field, step: type === "number" && item.type === "scale" ? 1 : "any" });
    node.value = item[field] ?? "";
    return el("div", { class: "field" }, el("label", { for: `${uid}-${field}`, text: label }), node);
  };
  const labels = item.type === "scale" ? [input("min_label", "Label of the lowest", "text"), input("max_label", "Label of the highest", "text")] : [];
  return el("div", { class: "form-grid" }, input("min", item.type === "scale" ? "Lowest" : "At least (optional)", "number"), input("max", item.type === "scale" ? "Highest" : "At most (optional)", "number"), ...labels);
}

function equalsControl(uid, item, source) {
  const equals = item.enable_when.equals;
  const attributes = { id: `${uid}-equals`, "data-field": "equals" };
  const type = source ? source.item.type : "short_text";
  if (type === "yes_no" || CHOICES.has(type)) {
    const answers = type === "yes_no" ? [[true, "Yes"], [false, "No"]] : parseOptions(source).map((option) => [option.value, option.label]);
    return el("select", attributes, ...answers.map(([value, label], index) => el("option", { value: index, text: label, selected: value === equals })));
  }
  const input = el("input", { ...attributes, type: { number: "number", scale: "number", date: "date" }[type] || "text" });
  input.value = equals ?? "";
  return input;
}

function equalsValue(control, entry, questions) {
  const source = questions.source(entry.item.enable_when.item);
  const type = source ? source.item.type : "short_text";
  if (type === "yes_no") return control.value === "0";
  if (CHOICES.has(type)) return parseOptions(source)[Number(control.value)]?.value ?? "";
  if (BOUNDED.has(type)) return control.value === "" ? "" : Number(control.value);
  return control.value;
}

function firstAnswer(source) {
  if (!source) return "";
  if (source.item.type === "yes_no") return true;
  if (CHOICES.has(source.item.type)) return parseOptions(source)[0]?.value ?? "";
  return BOUNDED.has(source.item.type) ? Number(source.item.min ?? 0) : "";
}

export function parseOptions({ optionsText, known }) {
  return optionsText
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [left, ...rest] = line.includes("|") ? line.split("|") : ["", line];
      const label = rest.join("|").trim() || left.trim();
      const text = left.trim() || slug(label);
      const value = known.has(text) ? known.get(text) : /^-?\d+$/.test(text) ? Number(text) : text;
      return { value, label };
    });
}

function slug(label) {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 100) || "option";
}

function shortText({ item }) {
  const text = item.text.trim() || "(no text yet)";
  return text.length > 70 ? `${text.slice(0, 69)}…` : text;
}

function itemBody({ item, ...entry }) {
  const body = { link_id: item.link_id, type: item.type, text: item.text.trim() };
  if (!DISPLAY_ONLY.has(item.type)) body.required = Boolean(item.required);
  if (CHOICES.has(item.type)) body.options = parseOptions(entry);
  if (BOUNDED.has(item.type)) {
    body.min = item.min === "" || item.min == null ? null : Number(item.min);
    body.max = item.max === "" || item.max == null ? null : Number(item.max);
  }
  if (item.type === "scale") {
    body.min_label = item.min_label || null;
    body.max_label = item.max_label || null;
  }
  if (item.enable_when) body.enable_when = item.enable_when;
  return body;
}
