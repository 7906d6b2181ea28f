// The client's home: tasks to complete and a section for each portal feature the practice offers,
// as the gateway's dashboard answer says.

import { api } from "./api.js";
import { problemMessage, requireAccount, showStatus } from "./ui.js";

const status = document.querySelector("[data-page-status]");

function showFeatures(features) {
  for (const section of document.querySelectorAll("[data-feature-section]")) {
    section.hidden = features[section.dataset.featureSection] !== true;
  }
}

try {
  const account = await requireAccount("client");
  if (account) {
    document.querySelector("[data-welcome]").textContent = `Welcome, ${account.first_name || "there"}`;
    document.querySelector("[data-practice]").textContent = account.practice_name || "";
    const dashboard = await api("GET", "/api/v1/dashboard");
    if (!dashboard.ok) throw dashboard.body;
    showFeatures(dashboard.body.features);
    document.querySelector("[data-dashboard]").hidden = false;
  }
} catch (problem) {
  showStatus(status, problemMessage(problem), "error");
}
