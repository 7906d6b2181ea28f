// New passwords: a strength hint while typing (length matters most; the service has the final say,
// with its list of common passwords), and the two entries must match.

const MINIMUM_LENGTH = 8;
const LABELS = ["Too short", "Weak", "Fair", "Good", "Strong"];

export function strengthOf(password) {
  if (password.length < MINIMUM_LENGTH) return 0;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((kind) => kind.test(password)).length;
  const repeated = new Set(password).size < password.length / 3;
  let score = password.length >= 15 ? 3 : password.length >= 11 ? 2 : 1;
  if (kinds >= 3 || (password.length >= 15 && password.includes(" "))) score += 1;
  if (repeated) score = Math.min(score, 1);
  return Math.min(score, 4);
}

export function attachStrengthHint(form) {
  const input = form.elements.password;
  const meter = form.querySelector("[data-strength-meter]");
  const label = form.querySelector("[data-strength-label]");
  input.addEventListener("input", () => {
    const score = strengthOf(input.value);
    meter.value = input.value ? Math.max(score, 0.5) : 0;
    label.textContent = input.value ? `Strength: ${LABELS[score]}` : "";
  });
}

export function newPasswordMistakes(form) {
  const mistakes = {};
  const password = form.elements.password.value;
  if (password.length < MINIMUM_LENGTH) mistakes.password = [`Use at least ${MINIMUM_LENGTH} characters.`];
  if (password !== form.elements.password_confirmation.value) mistakes.password_confirmation = ["The two passwords do not match."];
  return mistakes;
}
