"""What a submission may hold: required answers, each type's values, conditions, template checks."""

import pytest
from forms.domain.builtins import BUILTINS
from forms.domain.items import Condition, Item, ItemType, Option, TemplateInvalid, check_items, check_submission

T = ItemType
FORM = (
    Item("name", T.SHORT_TEXT, "Name", required=True),
    Item("therapy_before", T.YES_NO, "Therapy before?", required=True),
    Item("therapy_details", T.LONG_TEXT, "Tell us", required=True, enable_when=Condition("therapy_before", True)),
    Item("colour", T.SINGLE_CHOICE, "Colour", options=(Option("red", "Red"), Option(2, "Two"))),
    Item("pets", T.MULTIPLE_CHOICE, "Pets", options=(Option("cat", "Cat"), Option("dog", "Dog"))),
    Item("dog_name", T.SHORT_TEXT, "Dog's name", required=True, enable_when=Condition("pets", "dog")),
    Item("born", T.DATE, "Born"),
    Item("height", T.NUMBER, "Height", min=0, max=300),
    Item("mood", T.SCALE, "Mood", min=1, max=10),
    Item("heading", T.HEADING, "Section"),
    Item("signed", T.SIGNATURE, "Sign"),
)


def test_every_missing_required_answer_is_named():
    _, problems = check_submission(FORM, {"therapy_before": True})
    assert problems == {"name": ["An answer is required."], "therapy_details": ["An answer is required."]}


def test_a_hidden_question_is_not_required_and_its_answer_is_dropped():
    kept, problems = check_submission(FORM, {"name": "Robin", "therapy_before": False, "therapy_details": "old"})
    assert problems == {}
    assert kept == {"name": "Robin", "therapy_before": False}


def test_a_condition_on_a_multiple_choice_holds_when_the_option_is_chosen():
    _, problems = check_submission(FORM, {"name": "R", "therapy_before": False, "pets": ["cat", "dog"]})
    assert problems == {"dog_name": ["An answer is required."]}


@pytest.mark.parametrize(
    ("link_id", "value"),
    [
        ("name", 5),
        ("name", "x" * 501),
        ("therapy_before", "yes"),
        ("colour", "blue"),
        ("colour", "2"),
        ("pets", "cat"),
        ("pets", ["cat", "cat"]),
        ("pets", ["fish"]),
        ("born", "2026-13-01"),
        ("born", "5 May 1990"),
        ("height", 301),
        ("height", True),
        ("height", "170"),
        ("mood", 11),
        ("mood", 5.5),
        ("heading", "text"),
        ("unknown", 1),
    ],
)
def test_invalid_values_are_named(link_id, value):
    answers = {"name": "Robin", "therapy_before": False, link_id: value}
    _, problems = check_submission(FORM, answers)
    assert list(problems) == [link_id]


def test_valid_values_of_every_type_are_kept():
    answers = {
        "name": "Robin",
        "therapy_before": False,
        "colour": 2,
        "pets": ["cat"],
        "born": "1990-05-01",
        "height": 170.5,
        "mood": 7,
        "signed": "Robin Doe",
    }
    kept, problems = check_submission(FORM, answers)
    assert problems == {} and kept == answers


@pytest.mark.parametrize(
    ("items", "field"),
    [
        ((Item("a", T.SHORT_TEXT, "A"), Item("a", T.SHORT_TEXT, "again")), "a"),
        ((Item("Bad Id", T.SHORT_TEXT, "A"),), "Bad Id"),
        ((Item("c", T.SINGLE_CHOICE, "C"),), "c"),
        ((Item("s", T.SCALE, "S", min=5, max=1),), "s"),
        ((Item("h", T.HEADING, "H", required=True),), "h"),
        ((Item("b", T.SHORT_TEXT, "B", enable_when=Condition("later", True)), Item("later", T.YES_NO, "L")), "b"),
        ((Item("y", T.YES_NO, "Y"), Item("b", T.SHORT_TEXT, "B", enable_when=Condition("y", "maybe"))), "b"),
    ],
)
def test_templates_that_do_not_hold_together_are_refused(items, field):
    with pytest.raises(TemplateInvalid) as refused:
        check_items(items)
    assert field in refused.value.fields


@pytest.mark.parametrize("key", sorted(BUILTINS))
def test_every_builtin_template_holds_together(key):
    BUILTINS[key].check()


def test_phq9_and_gad7_use_the_contract_link_ids():
    phq9 = [i.link_id for i in BUILTINS["phq-9"].items if i.answerable]
    gad7 = [i.link_id for i in BUILTINS["gad-7"].items if i.answerable]
    assert phq9 == [f"phq9.{n}" for n in range(1, 10)] + ["phq9.difficulty"]
    assert gad7 == [f"gad7.{n}" for n in range(1, 8)] + ["gad7.difficulty"]
    assert {o.value for o in BUILTINS["phq-9"].items[1].options} == {0, 1, 2, 3}
