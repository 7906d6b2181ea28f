// One secure thread, as a chat: the messages (text only, never HTML) with their files to download,
// who sent each, the sender's own with Sent / Read and Retract while the 5 minutes last, and the reply
// box with an optional file (uploaded first, then sent with the text). Used by the client's
// Messages page (base "/api/v1") and staff's Inbox (base "/api/v1/staff").

import { api } from "./api.js";
import { saveFile } from "./download.js";
import { clearFieldErrors, el, formatMoment, problemMessage, showFieldErrors, showStatus } from "./ui.js";

function senderName(message, viewerSide) {
  if (message.mine) return "You";
  if (message.sender_side === "practice") return "Automatic reply";
  // A couple's or a minor's profile is reached by more than one account: the other one wrote it.
  if (viewerSide === "client") return message.sender_side === "client" ? "Someone else on this profile" : "Your practice";
  return message.sender_side === "client" ? "Client" : "A colleague";
}

function snippet(text) {
  const line = String(text || "").split("\n")[0];
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

function attachmentList(message) {
  if (!message.attachments?.length) return null;
  return el(
    "ul",
    { class: "bubble__files" },
    ...message.attachments.map((file) =>
      el("li", {}, el("button", { type: "button", class: "button button--quiet button--small", "data-download": file.id, "data-filename": file.filename }, `Download ${file.filename}`)),
    ),
  );
}

function bubble(message, viewerSide) {
  const retractedText = message.mine ? "You retracted this message." : "This message was retracted.";
  const meta = [formatMoment(message.sent_at)];
  if (message.mine && !message.retracted) meta.push(message.read_at ? "Read" : "Sent");
  return el(
    "li",
    { class: `bubble ${message.mine ? "bubble--mine" : "bubble--theirs"}`, "data-message": message.id },
    el("p", { class: "bubble__from", text: senderName(message, viewerSide) }),
    message.retracted
      ? el("p", { class: "bubble__text bubble__text--retracted", text: retractedText })
      : el("p", { class: "bubble__text", text: message.text }),
    attachmentList(message),
    el("p", { class: "bubble__meta", text: meta.join(" · ") }),
    message.retractable_until
      ? el("button", { type: "button", class: "button button--quiet button--small", "data-retract": message.id, "aria-label": `Retract your message “${snippet(message.text)}”` }, "Retract")
      : null,
  );
}

// Retract buttons go away when their 5 minutes are over, without asking the server.
function expireRetractButtons(list, messages) {
  for (const message of messages) {
    if (!message.retractable_until) continue;
    const wait = new Date(message.retractable_until).getTime() - Date.now();
    setTimeout(() => list.querySelector(`[data-retract="${CSS.escape(message.id)}"]`)?.remove(), Math.max(wait, 0));
  }
}

export function threadView(root, { base, viewerSide, onChange = () => {}, onOpen = () => {} }) {
  const list = root.querySelector("[data-messages]");
  const form = root.querySelector("[data-reply-form]");
  const status = root.querySelector("[data-thread-status]");
  let current = null;

  async function open(threadId, { keepStatus = false } = {}) {
    const answer = await api("GET", `${base}/threads/${encodeURIComponent(threadId)}`);
    if (!answer.ok) throw answer.body;
    current = answer.body;
    if (!keepStatus) showStatus(status, "");
    root.querySelector("[data-thread-title]").textContent = current.subject;
    list.replaceChildren(...current.messages.map((message) => bubble(message, viewerSide)));
    expireRetractButtons(list, current.messages);
    onOpen(current);
    if (current.unread > 0) {
      await api("POST", `${base}/threads/${encodeURIComponent(threadId)}/read`);
      onChange();
    }
    list.lastElementChild?.scrollIntoView({ block: "nearest" });
    return current;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const text = form.elements.namedItem("text").value;
    const threadPath = `${base}/threads/${encodeURIComponent(current.id)}`;
    const file = form.elements.namedItem("file")?.files[0];
    const attachmentIds = [];
    if (file) {
      const upload = new FormData();
      upload.append("file", file);
      const stored = await api("POST", `${threadPath}/attachments`, upload);
      if (!stored.ok) {
        const unplaced = showFieldErrors(form, stored.body.errors);
        return showStatus(status, unplaced.join(" ") || problemMessage(stored.body), "error");
      }
      attachmentIds.push(stored.body.id);
    }
    const sent = await api("POST", `${threadPath}/messages`, { text, attachment_ids: attachmentIds });
    if (!sent.ok) {
      const unplaced = showFieldErrors(form, sent.body.errors);
      return showStatus(status, unplaced.join(" ") || problemMessage(sent.body), "error");
    }
    form.reset();
    await open(current.id);
    showStatus(status, "Sent. You can retract it in the next 5 minutes.", "success");
    onChange();
  });

  list.addEventListener("click", async (event) => {
    const download = event.target.closest("[data-download]");
    if (download) {
      const path = `${base}/threads/${encodeURIComponent(current.id)}/attachments/${encodeURIComponent(download.dataset.download)}`;
      const saved = await saveFile(path, download.dataset.filename);
      if (!saved.ok) showStatus(status, problemMessage(saved.body), "error");
      return;
    }
    const button = event.target.closest("[data-retract]");
    if (!button) return;
    const path = `${base}/threads/${encodeURIComponent(current.id)}/messages/${encodeURIComponent(button.dataset.retract)}/retract`;
    const retracted = await api("POST", path);
    if (!retracted.ok) return showStatus(status, problemMessage(retracted.body), "error");
    await open(current.id, { keepStatus: true });
    showStatus(status, "Your message was retracted. The other side no longer sees its text.", "success");
    onChange();
  });

  return {
    open,
    current: () => current,
    refresh: () => (current ? open(current.id, { keepStatus: true }) : Promise.resolve(null)),
    close: () => {
      current = null;
    },
  };
}

export function threadItem(thread, label, onOpen) {
  const unread = thread.unread > 0 ? el("span", { class: "badge badge--unread", text: `${thread.unread} new` }) : null;
  const button = el(
    "button",
    { type: "button", class: `thread-item${thread.unread > 0 ? " thread-item--unread" : ""}`, "data-thread": thread.id },
    el("span", { class: "thread-item__subject", text: thread.subject }),
    label ? el("span", { class: "thread-item__who", text: label }) : null,
    el("span", { class: "thread-item__when", text: formatMoment(thread.last_message_at) }),
    unread,
  );
  button.addEventListener("click", () => onOpen(thread.id));
  return el("li", {}, button);
}

// The "new conversation" form of either page: opened by its button, posted to `path` with the form's
// fields; `onStarted` gets the new thread.
export function installNewThreadForm(form, path, onStarted) {
  const opener = document.querySelector("[data-new-thread]");
  const status = form.querySelector("[data-new-status]");
  opener.addEventListener("click", () => {
    form.hidden = false;
    form.querySelector("input, select").focus();
  });
  form.querySelector("[data-new-cancel]").addEventListener("click", () => {
    form.reset();
    clearFieldErrors(form);
    form.hidden = true;
    opener.focus();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value)]));
    const started = await api("POST", path, body);
    if (!started.ok) {
      const unplaced = showFieldErrors(form, started.body.errors);
      return showStatus(status, unplaced.join(" ") || problemMessage(started.body), "error");
    }
    form.reset();
    showStatus(status, "");
    form.hidden = true;
    await onStarted(started.body);
  });
}
