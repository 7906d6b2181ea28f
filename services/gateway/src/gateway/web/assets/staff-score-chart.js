// PHQ-9 and GAD-7 totals over time as SVG line charts drawn with DOM calls (no library, no inline
// style): the severity bands shaded behind, one point per submission with its date, and the same
// numbers as a table for anyone who cannot see the chart.

import { INSTRUMENT_NAMES, riskBadge, severityBadge, severityLabel, severitySlug } from "./assignment-labels.js";
import { el, formatDay } from "./ui.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 600;
const HEIGHT = 250;
const PLOT = { left: 34, right: WIDTH - 200, top: 12, bottom: HEIGHT - 44 };

export function showScores(section, series) {
  section.querySelector("[data-score-charts]").replaceChildren(...series.map(scoreChart));
  section.hidden = !series.some((item) => item.points.length);
}

function scoreChart(item) {
  const name = INSTRUMENT_NAMES[item.instrument] || item.instrument;
  const slug = `chart-${item.instrument}`;
  const latest = item.points[item.points.length - 1];
  const summary = latest
    ? `Latest: ${latest.total} of ${item.max_total}, ${severityLabel(latest.severity).toLowerCase()}, on ${formatDay(latest.submitted_at)}.`
    : `No ${name} submitted yet.`;
  return el(
    "figure",
    { class: "score-chart", "data-chart": item.instrument },
    el("figcaption", { class: "score-chart__caption" }, el("span", { class: "score-chart__name", id: `${slug}-name`, text: name }), el("span", { class: "hint", text: summary })),
    item.points.length ? chartSvg(item, name, slug) : null,
    item.points.length ? scoreTable(item, name) : null,
  );
}

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  node.append(...children.filter(Boolean));
  return node;
}

function chartSvg(item, name, slug) {
  const y = (total) => PLOT.bottom - (total / item.max_total) * (PLOT.bottom - PLOT.top);
  const step = (PLOT.right - PLOT.left - 40) / Math.max(item.points.length - 1, 1);
  const x = (index) => (item.points.length === 1 ? (PLOT.left + PLOT.right) / 2 : PLOT.left + 20 + index * step);
  const description = item.points.map((point) => `${formatDay(point.submitted_at)}: ${point.total}, ${severityLabel(point.severity).toLowerCase()}`).join("; ");
  return svg(
    "svg",
    { class: "score-chart__svg", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-labelledby": `${slug}-title ${slug}-desc` },
    svg("title", { id: `${slug}-title` }, `${name} total scores over time, 0 to ${item.max_total}`),
    svg("desc", { id: `${slug}-desc` }, `${item.points.length} submitted: ${description}.`),
    bands(item, y),
    axis(item, y),
    line(item, x, y),
    points(item, x, y),
  );
}

function bands(item, y) {
  const group = svg("g", { class: "score-chart__bands" });
  item.bands.forEach((band, index) => {
    const next = item.bands[index + 1];
    const top = next ? next.low : item.max_total;
    group.append(
      svg("rect", { class: `score-chart__band score-chart__band--${severitySlug(band.severity)}`, x: PLOT.left, y: y(top), width: PLOT.right - PLOT.left, height: y(band.low) - y(top) }),
      svg("text", { class: "score-chart__band-label", x: PLOT.right + 8, y: (y(top) + y(band.low)) / 2 + 4 }, `${severityLabel(band.severity)} ${band.low}–${band.high}`),
    );
  });
  return group;
}

function axis(item, y) {
  const ticks = [...new Set([...item.bands.map((band) => band.low), item.max_total])];
  const group = svg("g", { class: "score-chart__axis", "aria-hidden": "true" });
  for (const tick of ticks) {
    group.append(
      svg("line", { class: "score-chart__grid", x1: PLOT.left, x2: PLOT.right, y1: y(tick), y2: y(tick) }),
      svg("text", { class: "score-chart__tick", x: PLOT.left - 6, y: y(tick) + 4, "text-anchor": "end" }, String(tick)),
    );
  }
  return group;
}

function line(item, x, y) {
  const path = item.points.map((point, index) => `${index ? "L" : "M"}${x(index).toFixed(1)},${y(point.total).toFixed(1)}`).join(" ");
  return svg("path", { class: "score-chart__line", d: path, "aria-hidden": "true" });
}

function points(item, x, y) {
  const group = svg("g", { class: "score-chart__points" });
  const labelEvery = Math.ceil(item.points.length / 8);
  item.points.forEach((point, index) => {
    const day = formatDay(point.submitted_at);
    const risk = point.risk_flag ? ", risk flagged" : "";
    group.append(
      svg(
        "circle",
        { class: `score-chart__point${point.risk_flag ? " score-chart__point--risk" : ""}`, cx: x(index), cy: y(point.total), r: 6, "data-point": point.assignment_id },
        svg("title", {}, `${day}: ${point.total} (${severityLabel(point.severity).toLowerCase()}${risk})`),
      ),
      svg("text", { class: "score-chart__value", x: x(index), y: y(point.total) - 11, "text-anchor": "middle", "aria-hidden": "true" }, String(point.total)),
    );
    if (index % labelEvery === 0 || index === item.points.length - 1) {
      group.append(svg("text", { class: "score-chart__date", x: x(index), y: PLOT.bottom + 20, "text-anchor": "middle", "aria-hidden": "true" }, day));
    }
  });
  return group;
}

function scoreTable(item, name) {
  const rows = [...item.points].reverse().map((point) =>
    el(
      "tr",
      {},
      el("td", { "data-label": "Date" }, el("a", { href: `/staff/assignments/${encodeURIComponent(point.assignment_id)}`, text: formatDay(point.submitted_at) })),
      el("td", { "data-label": "Score", text: `${point.total} of ${item.max_total}` }),
      el("td", { "data-label": "Severity" }, severityBadge(point.severity), point.risk_flag ? riskBadge() : null),
    ),
  );
  return el(
    "details",
    { class: "score-chart__table" },
    el("summary", { text: `${name} scores as a table` }),
    el(
      "table",
      { class: "table" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Submitted" }), el("th", { scope: "col", text: "Score" }), el("th", { scope: "col", text: "Severity" }))),
      el("tbody", {}, ...rows),
    ),
  );
}
