"""The ready templates every practice has: intake forms, consents, PHQ-9 and GAD-7, by key."""

from __future__ import annotations

from forms.domain.builtin_assessments import GAD7_TEMPLATE, PHQ9_TEMPLATE
from forms.domain.builtin_documents import (
    INFORMED_CONSENT_TEMPLATE,
    PRACTICE_POLICIES_TEMPLATE,
    PRIVACY_ACKNOWLEDGEMENT_TEMPLATE,
)
from forms.domain.items import Condition, Item, ItemType, Option
from forms.domain.templates import TemplateContent, TemplateKind

T = ItemType

HEARD_OF_US = tuple(
    Option(value, label)
    for value, label in (
        ("referral", "A doctor or another professional"),
        ("insurance", "My insurance"),
        ("search", "An online search or directory"),
        ("friend", "A friend or family member"),
        ("other", "Another way"),
    )
)


def _contact_items() -> tuple[Item, ...]:
    return (
        Item("contact.heading", T.HEADING, "How to reach you"),
        Item("contact.address", T.LONG_TEXT, "Home address", required=True),
        Item("contact.phone", T.SHORT_TEXT, "Best phone number", required=True),
        Item("contact.voicemail_ok", T.YES_NO, "May the practice leave a voicemail at this number?", required=True),
        Item("emergency.heading", T.HEADING, "Emergency contact"),
        Item("emergency.name", T.SHORT_TEXT, "Name", required=True),
        Item("emergency.relationship", T.SHORT_TEXT, "Relationship to you", required=True),
        Item("emergency.phone", T.SHORT_TEXT, "Phone number", required=True),
    )


def _health_items(prefix: str) -> tuple[Item, ...]:
    return (
        Item(f"{prefix}.heading", T.HEADING, "Health and history"),
        Item(f"{prefix}.previous_therapy", T.YES_NO, "Has there been therapy or counselling before?", required=True),
        Item(
            f"{prefix}.previous_therapy_details",
            T.LONG_TEXT,
            "With whom, when, and what was helpful or not?",
            enable_when=Condition(f"{prefix}.previous_therapy", True),
        ),
        Item(f"{prefix}.medications", T.YES_NO, "Are any medications taken currently?", required=True),
        Item(
            f"{prefix}.medications_list",
            T.LONG_TEXT,
            "Which medications, and at what dose?",
            required=True,
            enable_when=Condition(f"{prefix}.medications", True),
        ),
        Item(f"{prefix}.physician", T.SHORT_TEXT, "Primary care physician (name and phone)"),
    )


ADULT_INTAKE = TemplateContent(
    "Adult intake",
    TemplateKind.FORM,
    (
        Item(
            "intake.instructions",
            T.INSTRUCTIONS,
            "This form helps your therapist prepare for your first session. "
            "Your answers are saved as you go; you can finish later on any device.",
        ),
        Item("about.heading", T.HEADING, "About you"),
        Item("about.preferred_name", T.SHORT_TEXT, "Name you would like to be called"),
        Item("about.pronouns", T.SHORT_TEXT, "Pronouns"),
        Item("about.date_of_birth", T.DATE, "Date of birth", required=True),
        *_contact_items(),
        Item("reason.heading", T.HEADING, "What brings you here"),
        Item("reason.description", T.LONG_TEXT, "What would you like help with?", required=True),
        Item(
            "reason.stress",
            T.SCALE,
            "How much is this affecting your daily life right now?",
            required=True,
            min=1,
            max=10,
            min_label="Hardly at all",
            max_label="Very much",
        ),
        Item("reason.goals", T.LONG_TEXT, "What would you like to be different when therapy has helped?"),
        *_health_items("history"),
        Item(
            "history.substances",
            T.MULTIPLE_CHOICE,
            "Do you use any of these?",
            options=(
                Option("alcohol", "Alcohol"),
                Option("tobacco", "Tobacco or nicotine"),
                Option("cannabis", "Cannabis"),
                Option("other", "Other substances"),
                Option("none", "None of these"),
            ),
        ),
        Item("referral.source", T.SINGLE_CHOICE, "How did you hear about the practice?", options=HEARD_OF_US),
        Item("intake.signature", T.SIGNATURE, "Type your full name to confirm the answers are accurate", required=True),
    ),
)

MINOR_INTAKE = TemplateContent(
    "Minor intake (completed by a parent or guardian)",
    TemplateKind.FORM,
    (
        Item(
            "intake.instructions",
            T.INSTRUCTIONS,
            "A parent or legal guardian completes this form about the child or teenager. Answers are saved as you go.",
        ),
        Item("child.heading", T.HEADING, "About the child"),
        Item("child.preferred_name", T.SHORT_TEXT, "Name the child likes to be called"),
        Item("child.date_of_birth", T.DATE, "Child's date of birth", required=True),
        Item("child.school", T.SHORT_TEXT, "School"),
        Item("child.grade", T.SHORT_TEXT, "Grade or year"),
        Item("guardian.heading", T.HEADING, "Parent or guardian"),
        Item("guardian.name", T.SHORT_TEXT, "Your full name", required=True),
        Item(
            "guardian.relationship",
            T.SINGLE_CHOICE,
            "Your relationship to the child",
            required=True,
            options=(
                Option("parent", "Parent"),
                Option("legal_guardian", "Legal guardian"),
                Option("other", "Other"),
            ),
        ),
        Item(
            "guardian.custody",
            T.YES_NO,
            "Is there a custody arrangement or court order about the child's care?",
            required=True,
        ),
        Item(
            "guardian.custody_details",
            T.LONG_TEXT,
            "Please describe it; the practice may ask for a copy of the parts about health care decisions.",
            required=True,
            enable_when=Condition("guardian.custody", True),
        ),
        *_contact_items(),
        Item("reason.heading", T.HEADING, "What brings you here"),
        Item("reason.description", T.LONG_TEXT, "What would you like help with for the child?", required=True),
        Item("reason.since", T.SHORT_TEXT, "Since when have you noticed it?"),
        *_health_items("history"),
        Item(
            "history.development",
            T.LONG_TEXT,
            "Anything about the child's development, learning or health the therapist should know?",
        ),
        Item("referral.source", T.SINGLE_CHOICE, "How did you hear about the practice?", options=HEARD_OF_US),
        Item("intake.signature", T.SIGNATURE, "Type your full name to confirm the answers are accurate", required=True),
    ),
)

BUILTINS: dict[str, TemplateContent] = {
    "adult-intake": ADULT_INTAKE,
    "minor-intake": MINOR_INTAKE,
    "informed-consent": INFORMED_CONSENT_TEMPLATE,
    "practice-policies": PRACTICE_POLICIES_TEMPLATE,
    "privacy-acknowledgement": PRIVACY_ACKNOWLEDGEMENT_TEMPLATE,
    "phq-9": PHQ9_TEMPLATE,
    "gad-7": GAD7_TEMPLATE,
}


def builtin(key: str) -> TemplateContent | None:
    return BUILTINS.get(key)
