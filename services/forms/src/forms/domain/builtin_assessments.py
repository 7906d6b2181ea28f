"""The PHQ-9 and GAD-7 questionnaires, with the standard (public-domain) wording of their items."""

from __future__ import annotations

from forms.domain.items import Item, ItemType, Option
from forms.domain.scoring import GAD7, PHQ9
from forms.domain.templates import TemplateContent, TemplateKind

FREQUENCY = (
    Option(0, "Not at all"),
    Option(1, "Several days"),
    Option(2, "More than half the days"),
    Option(3, "Nearly every day"),
)
DIFFICULTY = (
    Option(0, "Not difficult at all"),
    Option(1, "Somewhat difficult"),
    Option(2, "Very difficult"),
    Option(3, "Extremely difficult"),
)
DIFFICULTY_QUESTION = (
    "If you checked off any problems, how difficult have these problems made it for you to do your work, "
    "take care of things at home, or get along with other people?"
)

PHQ9_ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety "
    "or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)

GAD7_ITEMS = (
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
)


def _questionnaire(key: str, prefix: str, title: str, stem: str, questions: tuple[str, ...]) -> TemplateContent:
    items = [Item(f"{prefix}.stem", ItemType.INSTRUCTIONS, stem)]
    items += [
        Item(f"{prefix}.{n}", ItemType.SINGLE_CHOICE, text, required=True, options=FREQUENCY)
        for n, text in enumerate(questions, start=1)
    ]
    items.append(Item(f"{prefix}.difficulty", ItemType.SINGLE_CHOICE, DIFFICULTY_QUESTION, options=DIFFICULTY))
    return TemplateContent(title, TemplateKind.ASSESSMENT, tuple(items), instrument=key)


PHQ9_TEMPLATE = _questionnaire(
    PHQ9,
    "phq9",
    "Patient Health Questionnaire (PHQ-9)",
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    PHQ9_ITEMS,
)
GAD7_TEMPLATE = _questionnaire(
    GAD7,
    "gad7",
    "Generalized Anxiety Disorder scale (GAD-7)",
    "Over the last 2 weeks, how often have you been bothered by the following problems?",
    GAD7_ITEMS,
)
