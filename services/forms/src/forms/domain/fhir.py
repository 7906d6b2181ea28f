"""A submission as a FHIR R4 QuestionnaireResponse; PHQ-9 and GAD-7 coded with LOINC."""

from __future__ import annotations

from typing import Any

from forms.domain.assignment import Assignment
from forms.domain.items import Item, ItemType
from forms.domain.scoring import instrument_of
from forms.domain.templates import TemplateVersion

LOINC = "http://loinc.org"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
FREQUENCY_CODES = {0: "LA6568-5", 1: "LA6569-3", 2: "LA6570-1", 3: "LA6571-9"}
DIFFICULTY_CODES = {0: "LA6572-7", 1: "LA6573-5", 2: "LA6575-0", 3: "LA6574-3"}
PANEL_NAMES = {
    "44249-1": "PHQ-9 quick depression assessment panel",
    "69737-5": "Generalized anxiety disorder 7 item (GAD-7)",
}


def questionnaire_response(assignment: Assignment, version: TemplateVersion, authored: str) -> dict[str, Any]:
    answers = assignment.answers or {}
    instrument = instrument_of(assignment.instrument)
    items = [
        _item(item, answers[item.link_id], instrument) for item in version.content.items if item.link_id in answers
    ]
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": assignment.id,
        "status": "completed",
        "subject": {"reference": f"Patient/{assignment.client_id}"},
        "authored": authored,
        "questionnaire": f"urn:uuid:{version.id}",
        "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{assignment.id}"},
        "item": items,
    }
    if instrument is not None:
        panel = instrument.loinc_panel
        resource["questionnaire"] = f"{LOINC}/q/{panel}"
        resource["meta"] = {"tag": [{"system": LOINC, "code": panel, "display": PANEL_NAMES[panel]}]}
        resource["item"].append(
            {
                "linkId": f"{instrument.scored_items[0].split('.')[0]}.total",
                "definition": f"{LOINC}#{instrument.loinc_total}",
                "text": "Total score",
                "answer": [{"valueInteger": assignment.score_total}],
            }
        )
    return resource


def _item(item: Item, value: Any, instrument: Any) -> dict[str, Any]:
    return {"linkId": item.link_id, "text": item.text, "answer": _answers(item, value, instrument)}


def _answers(item: Item, value: Any, instrument: Any) -> list[dict[str, Any]]:
    if instrument is not None and item.type == ItemType.SINGLE_CHOICE:
        codes = DIFFICULTY_CODES if item.link_id == instrument.difficulty_item else FREQUENCY_CODES
        label = next(o.label for o in item.options if o.value == value)
        coding = {"system": LOINC, "code": codes[value], "display": label}
        return [{"valueCoding": coding, "extension": [{"url": ORDINAL_VALUE, "valueDecimal": value}]}]
    if item.type in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE):
        labels = {o.value: o.label for o in item.options}
        chosen = value if isinstance(value, list) else [value]
        return [{"valueCoding": {"code": str(v), "display": labels.get(v, str(v))}} for v in chosen]
    return [{_VALUE_FIELDS[item.type]: value}]


_VALUE_FIELDS = {
    ItemType.SHORT_TEXT: "valueString",
    ItemType.LONG_TEXT: "valueString",
    ItemType.SIGNATURE: "valueString",
    ItemType.YES_NO: "valueBoolean",
    ItemType.DATE: "valueDate",
    ItemType.NUMBER: "valueDecimal",
    ItemType.SCALE: "valueInteger",
}
