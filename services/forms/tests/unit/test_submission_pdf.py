"""A submission printed for staff: each answer in words, and the PDF made with either font."""

import datetime as dt
from pathlib import Path

import pytest
from forms.adapters.submission_pdf import SubmissionPdf, answer_text
from forms.domain.assignment import Assignment
from forms.domain.items import Condition, Item, ItemType, Option
from forms.domain.templates import TemplateContent, TemplateKind, TemplateVersion
from forms.service.export import PrintedSubmission

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
NOW = dt.datetime(2026, 3, 2, 15, 30, tzinfo=dt.UTC)
CONTACT = Item(
    "contact", ItemType.MULTIPLE_CHOICE, "How may we reach you?", options=(Option("sms", "Text"), Option(1, "Mail"))
)


@pytest.mark.parametrize(
    ("item", "value", "words"),
    [
        (Item("ok", ItemType.YES_NO, "Okay?"), False, "No"),
        (Item("ok", ItemType.YES_NO, "Okay?"), True, "Yes"),
        (CONTACT, ["sms", 1], "Text; Mail"),
        (Item("c", ItemType.SINGLE_CHOICE, "One", options=(Option(2, "Often"),)), 2, "Often"),
        (Item("n", ItemType.NUMBER, "Cups"), 2.0, "2"),
        (Item("s", ItemType.SCALE, "Mood", min=0, max=10, min_label="Low"), 7, "7 (from 0, Low to 10)"),
        (Item("d", ItemType.DATE, "When"), "2026-01-31", "2026-01-31"),
        (Item("t", ItemType.SHORT_TEXT, "Name"), "", "No answer"),
        (CONTACT, [], "No answer"),
    ],
)
def test_an_answer_reads_in_words(item, value, words):
    assert answer_text(item, value) == words


def test_a_scored_choice_shows_its_label_and_points():
    item = Item("phq9.1", ItemType.SINGLE_CHOICE, "Little interest", options=(Option(3, "Nearly every day"),))
    assert answer_text(item, 3, scored=True) == "Nearly every day (3)"


def printed(title):
    items = (
        Item("meds", ItemType.YES_NO, "Medication?"),
        Item("which", ItemType.SHORT_TEXT, "Which?", enable_when=Condition("meds", True)),
        CONTACT,
    )
    content = TemplateContent(title, TemplateKind.FORM, items)
    version = TemplateVersion("v-1", "t-1", "p-1", 1, content, content.digest(), NOW, None)
    assignment = Assignment("a-1", "p-1", "c-1", "t-1", "v-1", TemplateKind.FORM, title, None, NOW, None)
    assignment.submit(version, {"meds": False, "contact": ["sms"]}, NOW, "acc-1")
    return PrintedSubmission(assignment, version, "Zoë Ελένη", "Calm Waters — Therapy")


def test_the_pdf_is_made_with_the_core_font_when_no_font_is_configured():
    assert SubmissionPdf().render(printed("Intake — “adult”")).startswith(b"%PDF")


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu Sans is not installed")
def test_the_pdf_is_made_with_a_truetype_font_for_any_script():
    assert SubmissionPdf(str(DEJAVU)).render(printed("Анкета при поступлении")).startswith(b"%PDF")
