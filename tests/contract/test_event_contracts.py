"""Every event a service publishes has a schema; every event a service consumes is published by
someone and reads, through the consumer-side schema, what the producer-side schema lets through."""

import datetime as dt
import threading
import uuid

import pytest
from billing import events as billing_events
from cryptography.fernet import Fernet
from forms import events as forms_events
from identity import events as identity_events
from invitations import events as invitations_events
from marshmallow import fields, validate
from messaging import events as messaging_events
from portalkit.event_schemas import (
    SCHEMAS,
    TASK_ASSIGNED_TYPES,
    EventSchemaError,
    check_produced,
    read_consumed,
)
from portalkit.sealed import Sealer
from scheduling import events as scheduling_events

PUBLISHED = {
    "identity": set(identity_events.PUBLISHED),
    "invitations": set(invitations_events.PUBLISHED),
    "messaging": set(messaging_events.PUBLISHED),
    "forms": set(forms_events.PUBLISHED),
    "scheduling": set(scheduling_events.PUBLISHED),
    "billing": set(billing_events.PUBLISHED),
}


def consumed() -> dict[str, set[str]]:
    inboxes = invitations_events.inboxes(lambda: None, threading.Event())
    sealer = Sealer(Fernet.generate_key().decode())
    return {
        "invitations": {t for inbox in inboxes.values() for t in inbox.event_types},
        "messaging": {
            *messaging_events.notification_handlers(sealer),
            *messaging_events.identity_notification_handlers(sealer),
            *messaging_events.forms_notification_handlers(sealer, directory=None, public_base_url="", contacts=None),
            *messaging_events.scheduling_notification_handlers(sealer, contacts=None),
            *messaging_events.thread_notification_handlers(contacts=None, staff=None, public_base_url=""),
            *messaging_events.scheduling_request_handlers(directory=None, contacts=None, public_base_url=""),
            *messaging_events.billing_notification_handlers(contacts=None, public_base_url=""),
        },
        "billing": set(billing_events.fee_handlers()),
    }


def example_value(field: fields.Field):
    if "example" in field.metadata:  # a value only a pattern allows (a currency code)
        return field.metadata["example"]
    if isinstance(field, fields.List):
        return [example_value(field.inner)]
    choices = next((v.choices for v in field.validators if isinstance(v, validate.OneOf)), None)
    if choices:
        return next(iter(choices))
    examples = {
        fields.UUID: str(uuid.uuid4()),
        fields.AwareDateTime: dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC).isoformat(),
        fields.Date: "2026-11-23",
        fields.Boolean: True,
        fields.Integer: 1,
        fields.String: "text",
    }
    return next(value for kind, value in examples.items() if isinstance(field, kind))


def example(event_type: str, version: int) -> dict:
    schema = SCHEMAS[event_type][version]()
    return {name: example_value(field) for name, field in schema.fields.items()}


def test_every_published_event_type_has_a_schema_and_belongs_to_its_producer():
    for service, event_types in PUBLISHED.items():
        for event_type in event_types:
            assert event_type in SCHEMAS, event_type
            assert event_type.split(".")[0] == service


def test_every_consumed_event_type_is_published_by_some_service():
    # The task-assigned contract is defined ahead of the services that will publish it (forms,
    # billing, scheduling, messaging's shared documents), so that invitations can react already.
    everything_published = set().union(*PUBLISHED.values(), TASK_ASSIGNED_TYPES)
    for service, event_types in consumed().items():
        assert event_types, f"{service} consumes nothing"
        assert event_types <= everything_published, event_types - everything_published


@pytest.mark.parametrize("event_type", sorted(SCHEMAS))
def test_what_a_producer_may_send_a_consumer_can_read(event_type):
    for version in SCHEMAS[event_type]:
        data = example(event_type, version)
        check_produced(event_type, version, data)
        assert read_consumed(event_type, version, data) == data


@pytest.mark.parametrize("event_type", sorted(SCHEMAS))
def test_a_producer_cannot_send_fields_outside_its_schema(event_type):
    data = {**example(event_type, 1), "first_name": "Robin"}
    with pytest.raises(EventSchemaError):
        check_produced(event_type, 1, data)


@pytest.mark.parametrize("event_type", sorted(SCHEMAS))
def test_a_consumer_reads_a_newer_version_with_extra_fields(event_type):
    newest = max(SCHEMAS[event_type])
    data = {**example(event_type, newest), "added_in_a_later_version": 7}
    assert read_consumed(event_type, newest + 1, data) == example_with_same_ids(data)


def example_with_same_ids(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "added_in_a_later_version"}


@pytest.mark.parametrize("event_type", sorted(SCHEMAS))
def test_a_consumer_refuses_data_missing_a_required_field(event_type):
    data = example(event_type, 1)
    data.pop(next(iter(data)))
    with pytest.raises(EventSchemaError):
        read_consumed(event_type, 1, data)
