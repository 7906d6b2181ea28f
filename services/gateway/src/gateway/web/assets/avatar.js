// A profile's round avatar: its initials, replaced by the profile picture (messaging keeps a 256-pixel
// square) once that loads; without a picture (404) the initials stay.

import { el } from "./ui.js";

export function avatar(initials, picturePath, size = "") {
  const round = el("span", { class: `avatar${size ? ` avatar--${size}` : ""}`, "aria-hidden": "true", text: initials });
  const picture = new Image();
  picture.alt = "";
  picture.className = "avatar__picture";
  picture.hidden = true; // shown once it loads; without a picture the initials stay
  picture.addEventListener("load", () => {
    round.replaceChildren(picture);
    picture.hidden = false;
  });
  picture.src = picturePath;
  round.append(picture);
  return round;
}

export function initialsOf(name) {
  return String(name || "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0].toUpperCase())
    .join("");
}
