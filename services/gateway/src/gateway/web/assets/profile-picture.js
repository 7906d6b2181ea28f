// Choosing the profile's picture: the photo is shown in a square preview, zoomed and moved with three
// sliders; the square (in the photo's own pixels) goes with the photo, and messaging keeps that square
// at 256 pixels.

import { api } from "./api.js";
import { clearFieldErrors, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

export function setUpPictureForm(form, onSaved) {
  const status = form.querySelector("[data-picture-status]");
  const crop = form.querySelector("[data-crop]");
  const preview = form.querySelector("[data-crop-preview]");
  const sliders = ["zoom", "x", "y"].map((name) => form.querySelector(`[data-crop-${name}]`));
  let photo = null;

  function square() {
    const [zoom, x, y] = sliders.map((slider) => Number(slider.value));
    const side = Math.max(1, Math.floor((Math.min(photo.width, photo.height) * 100) / zoom));
    const left = Math.round(((photo.width - side) * x) / 100);
    const top = Math.round(((photo.height - side) * y) / 100);
    return { left, top, side };
  }

  function draw() {
    if (!photo) return;
    const { left, top, side } = square();
    preview.getContext("2d").drawImage(photo, left, top, side, side, 0, 0, preview.width, preview.height);
  }

  form.elements.file.addEventListener("change", () => {
    const file = form.elements.file.files[0];
    photo = null;
    crop.hidden = true;
    if (!file) return;
    const image = new Image();
    image.addEventListener("error", () => showFieldErrors(form, { file: ["This file could not be shown as a picture."] }));
    image.addEventListener("load", () => {
      photo = image;
      for (const slider of sliders) slider.value = slider.dataset.cropZoom !== undefined ? "100" : "50";
      crop.hidden = false;
      draw();
    });
    // A data: address: the portal's content security policy lets pictures come from there, not from blob:.
    const reader = new FileReader();
    reader.addEventListener("load", () => (image.src = String(reader.result)));
    reader.readAsDataURL(file);
  });
  for (const slider of sliders) slider.addEventListener("input", draw);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const file = form.elements.file.files[0];
    if (!file) return showFieldErrors(form, { file: ["Choose a photo."] });
    const body = new FormData();
    body.append("file", file);
    if (photo) {
      const { left, top, side } = square();
      body.append("crop_left", String(left));
      body.append("crop_top", String(top));
      body.append("crop_side", String(side));
    }
    setBusy(form, true);
    try {
      const answer = await api("PUT", "/api/v1/profile-picture", body);
      if (!answer.ok) {
        const unplaced = showFieldErrors(form, answer.body.errors || {});
        return showStatus(status, unplaced.join(" ") || problemMessage(answer.body), "error");
      }
      form.reset();
      crop.hidden = true;
      showStatus(status, "Your picture is saved.", "success");
      await onSaved();
    } finally {
      setBusy(form, false);
    }
  });

  form.querySelector("[data-picture-remove]").addEventListener("click", async () => {
    const answer = await api("DELETE", "/api/v1/profile-picture");
    if (!answer.ok) return showStatus(status, problemMessage(answer.body), "error");
    showStatus(status, "Your picture is removed.", "success");
    await onSaved();
  });
}
