// The one way pages talk to the API: same-origin cookies carry the session, the CSRF cookie is
// echoed on unsafe methods, and an expired access token is renewed once, transparently.

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
let renewal = null;

export function readCookie(name) {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(";")) {
    const item = part.trim();
    if (item.startsWith(prefix)) return decodeURIComponent(item.slice(prefix.length));
  }
  return "";
}

// `extraHeaders`: what a path asks beyond the session's, such as a payment's Idempotency-Key.
export async function api(method, path, body, extraHeaders = {}) {
  const answer = await send(method, path, body, extraHeaders);
  if (answer.status === 401 && renewable(path) && (await renewSession())) return send(method, path, body, extraHeaders);
  return answer;
}

export async function signOut(destination = "/sign-in") {
  await send("POST", "/api/v1/auth/logout");
  window.location.assign(destination);
}

// When this browser last reached the portal with the session (any tab): the idle clock's start.
const ACTIVITY_KEY = "portal.lastActivity";
let activityHere = Date.now();

export function lastActivity() {
  const shared = Number(window.localStorage?.getItem(ACTIVITY_KEY)) || 0;
  return Math.max(activityHere, shared);
}

function noteActivity() {
  activityHere = Date.now();
  try {
    window.localStorage.setItem(ACTIVITY_KEY, String(activityHere));
  } catch {
    // Storage may be off (private windows): this tab keeps its own clock.
  }
}

async function send(method, path, body, extraHeaders = {}) {
  const headers = { Accept: "application/json", "X-Portal-Client": "web", ...extraHeaders };
  // A FormData body (a file upload) gets its multipart type and boundary from the browser.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers["Content-Type"] = "application/json";
  const csrf = readCookie("portal_csrf");
  if (UNSAFE_METHODS.has(method) && csrf) headers["X-CSRF-Token"] = csrf;
  const request = { method, headers, credentials: "same-origin" };
  if (body !== undefined) request.body = form ? body : JSON.stringify(body);
  try {
    const response = await fetch(path, request);
    if (response.ok && path !== "/api/v1/auth/logout") noteActivity();
    return { ok: response.ok, status: response.status, body: await readJson(response) };
  } catch {
    return { ok: false, status: 0, body: { title: "We could not reach the portal.", detail: "Check your connection and try again." } };
  }
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return { title: "Something went wrong on our side.", detail: "Try again in a moment." };
  }
}

function renewable(path) {
  return !path.startsWith("/api/v1/auth/") && !path.startsWith("/api/v1/invitations/");
}

// Requests that fail together share one renewal: a refresh token works once.
function renewSession() {
  renewal ??= send("POST", "/api/v1/auth/refresh")
    .then((answer) => answer.ok)
    .finally(() => {
      renewal = null;
    });
  return renewal;
}
