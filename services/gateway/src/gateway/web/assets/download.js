// Saves a file the API answers (a signed PDF, a FHIR export) through the session cookie: the page
// fetches it, so an expired access token is renewed first, then hands it to the browser as a download.

import { api } from "./api.js";

export async function saveFile(path, fallbackName) {
  let response = await fetchFile(path);
  if (response.status === 401 && (await api("GET", "/api/v1/me")).ok) response = await fetchFile(path);
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    return { ok: false, body: problem };
  }
  const blob = await response.blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = fileName(response) || fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  return { ok: true };
}

function fetchFile(path) {
  return fetch(path, { credentials: "same-origin", headers: { "X-Portal-Client": "web" } }).catch(() => ({
    ok: false,
    status: 0,
    json: async () => ({ title: "We could not reach the portal.", detail: "Check your connection and try again." }),
  }));
}

function fileName(response) {
  const disposition = response.headers.get("Content-Disposition") || "";
  const match = disposition.match(/filename="?([^";]+)"?/);
  return match ? match[1] : "";
}
