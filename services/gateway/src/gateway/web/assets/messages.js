// The client's secure messages: the conversations with the practice (newest first, with what is
// unread), a new one, and one open as a chat (thread-view.js). The address keeps the open
// conversation (?thread=<id>), so a link from an email or the dashboard lands on it.

import { api } from "./api.js";
import { installNewThreadForm, threadItem, threadView } from "./thread-view.js";
import { problemMessage, requireAccount, showStatus } from "./ui.js";

const status = document.querySelector("[data-page-status]");
const listSection = document.querySelector("[data-thread-list]");
const threadSection = document.querySelector("[data-thread]");
const newForm = document.querySelector("[data-new-form]");

const view = threadView(threadSection, { base: "/api/v1", viewerSide: "client", onChange: () => loadThreads() });

async function loadThreads() {
  const answer = await api("GET", "/api/v1/threads");
  if (!answer.ok) throw answer.body;
  const items = answer.body.items.map((thread) => threadItem(thread, null, (id) => openThread(id)));
  document.querySelector("[data-threads]").replaceChildren(...items);
  document.querySelector("[data-threads-empty]").hidden = items.length > 0;
}

function remember(threadId) {
  const address = new URL(window.location.href);
  if (threadId) address.searchParams.set("thread", threadId);
  else address.searchParams.delete("thread");
  window.history.replaceState(null, "", address);
}

async function openThread(threadId) {
  try {
    await view.open(threadId);
  } catch (problem) {
    return showStatus(status, problemMessage(problem), "error");
  }
  remember(threadId);
  listSection.hidden = true;
  threadSection.hidden = false;
  threadSection.querySelector("h2").focus?.();
}

async function showList() {
  view.close();
  remember(null);
  threadSection.hidden = true;
  listSection.hidden = false;
  await loadThreads();
}

try {
  const account = await requireAccount("client");
  if (account) {
    document.querySelector("[data-practice]").textContent = account.practice_name || "";
    await loadThreads();
    installNewThreadForm(newForm, "/api/v1/threads", (thread) => openThread(thread.id));
    document.querySelector("[data-back]").addEventListener("click", () => showList().catch(() => {}));
    document.querySelector("[data-messages-page]").hidden = false;
    const wanted = new URL(window.location.href).searchParams.get("thread");
    if (wanted) await openThread(wanted);
    // New answers show without reloading: the open conversation (or the list) is asked again.
    setInterval(() => (view.current() ? view.refresh() : loadThreads()).catch(() => {}), 15_000);
  }
} catch (problem) {
  showStatus(status, problemMessage(problem), "error");
}
