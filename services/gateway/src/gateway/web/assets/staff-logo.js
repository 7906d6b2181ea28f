// The logo card of the practice settings page: choosing an image shows it at once (read in the
// browser, nothing sent yet); "Upload logo" sends it, and the server's redrawn image replaces the
// preview and the header's logo. "Remove logo" takes it away. Owners and admins only: for other
// staff the settings fieldset, and so these controls, are disabled.

import { api } from "./api.js";
import { isOwnLogo, showLogo } from "./practice-logo.js";
import { problemMessage, showStatus } from "./ui.js";

const LOGO_PATH = "/api/v1/staff/practice/logo";
const MAX_BYTES = 1024 * 1024;
const form = document.querySelector("[data-settings-form]");
const input = form.elements.logo;
const preview = document.querySelector("[data-logo-preview]");
const none = document.querySelector("[data-logo-none]");
const uploadButton = document.querySelector("[data-logo-upload]");
const removeButton = document.querySelector("[data-logo-remove]");
const error = form.querySelector('[data-error-for="logo"]');
const status = document.querySelector("[data-logo-status]");
let current = { name: "", logo_url: null };

input.addEventListener("change", () => {
  showError("");
  showStatus(status, "");
  const file = input.files[0];
  uploadButton.disabled = !file;
  if (!file) return showCurrent();
  if (file.size > MAX_BYTES) {
    uploadButton.disabled = true;
    return showError("The logo must be at most 1 MB.");
  }
  const reader = new FileReader();
  reader.onload = () => showPreview(reader.result, "The chosen image, not yet uploaded");
  reader.readAsDataURL(file);
});

uploadButton.addEventListener("click", async () => {
  const file = input.files[0];
  if (!file) return;
  const body = new FormData();
  body.append("logo", file);
  await change("PUT", body, "Logo uploaded. The sign-in pages and the header show it now.");
});

removeButton.addEventListener("click", () => change("DELETE", undefined, "Logo removed."));

async function change(method, body, done) {
  showError("");
  uploadButton.disabled = removeButton.disabled = true;
  const answer = await api(method, LOGO_PATH, body);
  removeButton.disabled = false;
  if (!answer.ok) {
    uploadButton.disabled = !input.files[0];
    const messages = answer.body.errors && answer.body.errors.logo;
    return messages ? showError([].concat(messages).join(" ")) : showStatus(status, problemMessage(answer.body), "error");
  }
  input.value = "";
  uploadButton.disabled = true;
  showCurrent(answer.body);
  showLogo(current);
  showStatus(status, done, "success");
}

function showCurrent(settings = current) {
  current = { name: settings.name, logo_url: settings.logo_url };
  removeButton.hidden = !isOwnLogo(current.logo_url);
  if (isOwnLogo(current.logo_url)) showPreview(current.logo_url, `${current.name || "Practice"} logo`);
  else {
    preview.hidden = true;
    preview.removeAttribute("src");
    none.hidden = false;
  }
}

function showPreview(source, description) {
  preview.src = source;
  preview.alt = description;
  preview.hidden = false;
  none.hidden = true;
}

function showError(message) {
  error.textContent = message;
  if (message) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

const answer = await api("GET", "/api/v1/staff/practice/settings");
if (answer.ok) showCurrent(answer.body);
