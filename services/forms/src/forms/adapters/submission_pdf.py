"""A submitted form or assessment as a PDF for staff: whose it is, the version asked, each question
shown to the client with its answer in words, the score of an assessment, and the version's SHA-256."""

from __future__ import annotations

from typing import Any

from portalkit.clock import utc_iso

from forms.adapters.pdf_pages import PdfPages
from forms.domain.items import Item, ItemType, visible_items
from forms.domain.scoring import instrument_of
from forms.service.export import PrintedSubmission

NO_ANSWER = "No answer"


class SubmissionPdf:
    """Renders with the TrueType font at `font_path` (any script), else the core Latin-1 font."""

    def __init__(self, font_path: str = "") -> None:
        self._font_path = font_path

    def render(self, printed: PrintedSubmission) -> bytes:
        version = printed.version
        footer = f"Form version SHA-256 {version.content_sha256}"
        pages = PdfPages(self._font_path, version.content.title, footer)
        self._head(pages, printed)
        self._score(pages, printed)
        self._answers(pages, printed)
        return pages.output()

    def _head(self, pages: PdfPages, printed: PrintedSubmission) -> None:
        assignment = printed.assignment
        if printed.practice_name:
            pages.write(printed.practice_name, size=10)
        pages.write(printed.version.content.title, size=15)
        pages.write(f"Version {printed.version.number}", size=9)
        pages.space(2)
        pages.rows(
            [
                ("Client", printed.client_name or assignment.client_id),
                ("Submitted at (UTC)", utc_iso(assignment.submitted_at)),
            ]
        )

    def _score(self, pages: PdfPages, printed: PrintedSubmission) -> None:
        assignment = printed.assignment
        instrument = instrument_of(assignment.instrument)
        score = assignment.score
        if instrument is None or score is None:
            return
        rows = [("Total score", f"{score.total} of {instrument.max_total}"), ("Severity", score.severity)]
        if assignment.risk_flag:
            rows.append(("Risk flag", "Item 9 was answered above 0: follow the practice's safety procedure."))
        pages.rows(rows)

    def _answers(self, pages: PdfPages, printed: PrintedSubmission) -> None:
        """The questions in order; one hidden by its condition is left out, as the client never saw it."""
        answers = printed.assignment.answers or {}
        scored = instrument_of(printed.assignment.instrument) is not None
        pages.space(3)
        number = 0
        for item in visible_items(printed.version.content.items, answers):
            if item.type == ItemType.HEADING:
                pages.space(2)
                pages.write(item.text, size=13)
            elif item.type == ItemType.INSTRUCTIONS:
                pages.write(item.text, size=9)
            else:
                number += 1
                pages.write(f"{number}. {item.text}", size=10)
                pages.write(answer_text(item, answers.get(item.link_id), scored), size=11)
                pages.space(2)


def answer_text(item: Item, value: Any, scored: bool = False) -> str:
    """An answer in words: option labels rather than stored values (with the points of a scored item)."""
    if value is None or value == "" or value == []:
        return NO_ANSWER
    labels = {repr(option.value): option.label for option in item.options}
    if item.type == ItemType.SINGLE_CHOICE:
        label = labels.get(repr(value), str(value))
        return f"{label} ({value})" if scored and isinstance(value, int) else label
    if item.type == ItemType.MULTIPLE_CHOICE:
        return "; ".join(labels.get(repr(v), str(v)) for v in value)
    if item.type == ItemType.YES_NO:
        return "Yes" if value else "No"
    if item.type == ItemType.SCALE:
        low = f"{item.min:g}" + (f", {item.min_label}" if item.min_label else "")
        high = f"{item.max:g}" + (f", {item.max_label}" if item.max_label else "")
        return f"{value} (from {low} to {high})"
    if item.type == ItemType.NUMBER:
        return f"{value:g}"
    return str(value)
