// "On this page": on a long page of cards (staff's client page), a row of links to each card shown,
// kept current as cards appear or hide (a feature the practice turned off takes its card away).

import { el } from "./ui.js";

export function installPageToc(root, toc) {
  const refresh = () => {
    const headings = [...root.querySelectorAll("section.card")]
      .filter((section) => !section.hidden)
      .map((section) => section.querySelector("h2[id]"))
      .filter(Boolean);
    toc.querySelector("[data-page-toc-links]").replaceChildren(
      ...headings.map((heading) => el("li", {}, el("a", { href: `#${heading.id}`, text: heading.textContent.trim() }))),
    );
    toc.hidden = headings.length < 3;
  };
  new MutationObserver(refresh).observe(root, { subtree: true, attributes: true, attributeFilter: ["hidden"] });
  refresh();
}
