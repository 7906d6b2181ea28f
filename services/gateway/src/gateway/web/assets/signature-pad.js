// An optional drawn signature beside the typed name: a canvas drawn on with a finger, a pen or a mouse
// (pointer events), a Clear button, and the drawing as a PNG data URL — or null when nothing was drawn.
// The strokes are kept as fractions of the pad, so turning the phone (a new width) redraws them.

const LINE_WIDTH = 2.5;
const MAX_PIXEL_RATIO = 2; // keeps the PNG well inside forms' 2000 × 1000 pixels and 200 kB

export function installSignaturePad(root) {
  const canvas = root.querySelector("[data-signature-canvas]");
  const clear = root.querySelector("[data-signature-clear]");
  const strokes = [];
  let stroke = null;

  function fit() {
    const ratio = Math.min(window.devicePixelRatio || 1, MAX_PIXEL_RATIO);
    const { width, height } = canvas.getBoundingClientRect();
    if (!width || !height) return;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    redraw();
  }

  function redraw() {
    const context = canvas.getContext("2d");
    const ratio = canvas.width / (canvas.getBoundingClientRect().width || 1);
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.lineWidth = LINE_WIDTH * ratio;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#1f2a2c";
    context.fillStyle = "#1f2a2c";
    for (const points of strokes) drawStroke(context, points);
  }

  function drawStroke(context, points) {
    const at = ([x, y]) => [x * canvas.width, y * canvas.height];
    if (points.length === 1) {
      const [x, y] = at(points[0]);
      context.beginPath();
      context.arc(x, y, context.lineWidth / 2, 0, Math.PI * 2);
      context.fill();
      return;
    }
    context.beginPath();
    context.moveTo(...at(points[0]));
    for (const point of points.slice(1)) context.lineTo(...at(point));
    context.stroke();
  }

  function pointOf(event) {
    const box = canvas.getBoundingClientRect();
    const fraction = (value, size) => Math.min(Math.max(value / size, 0), 1);
    return [fraction(event.clientX - box.left, box.width), fraction(event.clientY - box.top, box.height)];
  }

  canvas.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    stroke = [pointOf(event)];
    strokes.push(stroke);
    redraw();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!stroke) return;
    const moves = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
    for (const move of moves.length ? moves : [event]) stroke.push(pointOf(move));
    redraw();
  });
  const finish = () => {
    if (!stroke) return;
    stroke = null;
    clear.disabled = false;
  };
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", finish);
  clear.addEventListener("click", () => {
    strokes.length = 0;
    clear.disabled = true;
    redraw();
  });
  clear.disabled = true;
  new ResizeObserver(fit).observe(canvas);

  return {
    drawing() {
      return strokes.length ? canvas.toDataURL("image/png") : null;
    },
    lock(locked) {
      canvas.classList.toggle("signature-pad__canvas--locked", locked);
      clear.disabled = locked || !strokes.length;
    },
  };
}
