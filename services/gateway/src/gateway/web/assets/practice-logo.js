// The practice's logo in the page header, beside the portal's name, when the practice uploaded one:
// on the sign-in pages (the practice named by the address) and on every signed-in page. The image
// comes from this origin (/api/v1/practices/<id>/logo), the only place the page may load images from.

export async function fetchPracticeProfile(practiceId) {
  try {
    const response = await fetch(`/api/v1/practices/${encodeURIComponent(practiceId)}/public-profile`, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

// Shows the profile's logo in the header, or hides the header's logo when it has none.
export function showLogo(profile) {
  const slot = document.querySelector("[data-practice-logo]");
  if (!slot || !profile) return;
  if (!isOwnLogo(profile.logo_url)) {
    slot.hidden = true;
    slot.removeAttribute("src");
    return;
  }
  slot.alt = profile.name ? `${profile.name} logo` : "Practice logo";
  slot.src = profile.logo_url;
  slot.hidden = false;
}

export async function showPracticeLogo(practiceId) {
  showLogo(await fetchPracticeProfile(practiceId));
}

export function isOwnLogo(url) {
  return typeof url === "string" && /^\/api\/v1\/practices\/[^/?#]+\/logo(\?v=[0-9a-f]+)?$/.test(url);
}
