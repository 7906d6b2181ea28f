import { problemMessage, requireAccount, showStatus } from "./ui.js";

const status = document.querySelector("[data-page-status]");

try {
  const account = await requireAccount("client");
  if (account) {
    document.querySelector("[data-welcome]").textContent = `Welcome, ${account.first_name || "there"}`;
    document.querySelector("[data-practice]").textContent = account.practice_name || "";
    document.querySelector("[data-dashboard]").hidden = false;
  }
} catch (problem) {
  showStatus(status, problemMessage(problem), "error");
}
