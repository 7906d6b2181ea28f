// On the sign-in pages: the practice's logo, and whom to call when stuck ("call the number on the
// page, ask for a PIN"). The practice comes from `?practice=<id>` in links the portal sends; links
// between these pages keep it.

import { fetchPracticeProfile, showLogo } from "./practice-logo.js";

const PRACTICE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SIGN_IN_PAGES = ["/sign-in", "/sign-in/link", "/sign-in/pin", "/forgot-password"];

export function practiceId() {
  const id = new URLSearchParams(window.location.search).get("practice") || "";
  return PRACTICE_ID.test(id) ? id : null;
}

// The same address with the page's practice added, for links to the other sign-in pages.
export function withPractice(href) {
  const id = practiceId();
  if (!id) return href;
  const url = new URL(href, window.location.origin);
  url.searchParams.set("practice", id);
  return `${url.pathname}${url.search}${url.hash}`;
}

function keepPracticeInLinks() {
  for (const link of document.querySelectorAll("a[href^='/']")) {
    const path = new URL(link.href, window.location.origin).pathname;
    if (SIGN_IN_PAGES.includes(path)) link.setAttribute("href", withPractice(link.getAttribute("href")));
  }
}

async function showPracticeContact() {
  const slot = document.querySelector("[data-practice-contact]");
  const id = practiceId();
  if (!slot || !id) return;
  const profile = await fetchPracticeProfile(id);
  showLogo(profile);
  if (!profile || !profile.contact_phone) return;
  const phone = document.createElement("a");
  phone.href = `tel:${profile.contact_phone.replace(/[^0-9+]/g, "")}`;
  phone.textContent = profile.contact_phone;
  const name = profile.name ? `${profile.name} · ` : "";
  slot.replaceChildren(`${name}Need help signing in? Call `, phone);
  slot.hidden = false;
}

keepPracticeInLinks();
showPracticeContact();
