"""A guardian signs a minor's consent (not the minor); each partner signs a couple's consent, each
signature with its own evidence, and the signed PDF lists them all."""

import re
import uuid
import zlib

import pytest

GUARDIAN, MINOR, PARTNER_A, PARTNER_B = (str(uuid.uuid4()) for _ in range(4))


def pdf_text(data):
    """The text drawn on the pages (fpdf2 writes each line as a literal string in a deflated stream)."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
    drawn = b"".join(zlib.decompress(s) for s in streams if s.startswith(b"x"))
    return b" ".join(re.findall(rb"\(((?:[^()\\]|\\.)*)\) ?Tj", drawn)).decode("latin-1").replace("\\", "")


def sign(web, assignment_id, headers, name):
    body = {"full_name": name, "agree": True}
    return web.post(f"/api/v1/assignments/{assignment_id}/sign", json=body, headers=headers)


@pytest.fixture
def acting_for(signed_in, client_id):
    def acting_for(account_id, address="203.0.113.9"):
        return {**signed_in("client", profile_id=client_id, account_id=account_id), "X-Forwarded-For": address}

    return acting_for


@pytest.fixture
def minor(identity, practice, client_id):
    identity.link(practice, client_id, MINOR, "self")
    identity.link(practice, client_id, GUARDIAN, "guardian")


@pytest.fixture
def couple(identity, practice, client_id):
    identity.link(practice, client_id, PARTNER_A, "self")
    identity.link(practice, client_id, PARTNER_B, "partner")


def test_a_guardian_signs_a_minors_consent_and_the_minor_cannot(minor, web, assign, acting_for, events):
    given = assign("informed-consent").json

    by_minor = sign(web, given["id"], acting_for(MINOR), "Kim Doe")
    by_guardian = sign(web, given["id"], acting_for(GUARDIAN), "Alex Doe")

    assert (by_minor.status_code, by_minor.json["code"]) == (403, "guardian-must-sign")
    assert by_guardian.status_code == 200, by_guardian.json
    assert by_guardian.json["status"] == "completed"
    assert [s["full_name"] for s in by_guardian.json["signatures"]] == ["Alex Doe"]
    assert [e.data["assignment_id"] for e in events("forms.assignment.submitted")] == [given["id"]]


def test_a_guardian_whose_access_ended_cannot_sign(identity, practice, client_id, web, assign, acting_for):
    identity.link(practice, client_id, MINOR, "self")
    identity.link(practice, client_id, GUARDIAN, "guardian", active=False)
    other_guardian = str(uuid.uuid4())
    identity.link(practice, client_id, other_guardian, "guardian")
    given = assign("informed-consent").json

    refused = sign(web, given["id"], acting_for(GUARDIAN), "Alex Doe")

    assert (refused.status_code, refused.json["code"]) == (403, "guardian-must-sign")
    assert sign(web, given["id"], acting_for(other_guardian), "Sam Doe").json["status"] == "completed"


def test_a_couples_consent_is_completed_by_the_second_partners_signature(
    couple, web, assign, acting_for, signed_in, events, clock
):
    given = assign("informed-consent").json

    first = sign(web, given["id"], acting_for(PARTNER_A, "203.0.113.1"), "Robin Doe")
    twice = sign(web, given["id"], acting_for(PARTNER_A), "Robin Doe")
    waiting = web.get(f"/api/v1/assignments/{given['id']}", headers=acting_for(PARTNER_B)).json
    clock.advance(hours=5)
    second = sign(web, given["id"], acting_for(PARTNER_B, "198.51.100.7"), "Sky Doe")

    assert (first.status_code, first.json["status"]) == (200, "pending")
    assert (twice.status_code, twice.json["code"]) == (409, "already-signed")
    assert (waiting["status"], [s["full_name"] for s in waiting["signatures"]]) == ("pending", ["Robin Doe"])
    assert [s["by_you"] for s in first.json["signatures"]] == [True]
    assert [s["by_you"] for s in waiting["signatures"]] == [False]
    assert [s["by_you"] for s in second.json["signatures"]] == [False, True]
    assert (second.status_code, second.json["status"]) == (200, "completed")
    staff_view = web.get(f"/api/v1/staff/assignments/{given['id']}", headers=signed_in()).json
    assert [(s["full_name"], s["account_id"], s["ip"], s["signed_at"]) for s in staff_view["signatures"]] == [
        ("Robin Doe", PARTNER_A, "203.0.113.1", "2026-01-05T09:00:00Z"),
        ("Sky Doe", PARTNER_B, "198.51.100.7", "2026-01-05T14:00:00Z"),
    ]
    assert len(events("forms.consent.signed")) == 2
    assert [e.data["assignment_id"] for e in events("forms.assignment.submitted")] == [given["id"]]
    pdf = web.get(f"/api/v1/staff/assignments/{given['id']}/signed-document", headers=signed_in())
    text = pdf_text(pdf.data)
    assert "Robin Doe" in text and "Sky Doe" in text and PARTNER_A in text and PARTNER_B in text


def test_the_partner_who_signed_sees_the_consent_waiting_for_the_other_in_their_list(couple, web, assign, acting_for):
    # Given a couple's consent and an intake form, and one partner's signature on the consent
    consent = assign("informed-consent").json
    intake = assign("adult-intake").json
    sign(web, consent["id"], acting_for(PARTNER_A), "Robin Doe")

    # When each partner lists their tasks
    def signed_by_you(account_id):
        items = web.get("/api/v1/assignments", headers=acting_for(account_id)).json["items"]
        return {item["id"]: item["signed_by_you"] for item in items}

    # Then only the consent of the partner who signed is marked, for that partner only
    assert signed_by_you(PARTNER_A) == {consent["id"]: True, intake["id"]: False}
    assert signed_by_you(PARTNER_B) == {consent["id"]: False, intake["id"]: False}


def test_only_the_couples_partners_sign_their_consent(couple, web, assign, acting_for):
    given = assign("practice-policies").json

    outsider = sign(web, given["id"], acting_for(str(uuid.uuid4())), "Someone Else")

    assert (outsider.status_code, outsider.json["code"]) == (403, "not-a-signer")


def test_a_single_clients_consent_is_completed_by_their_signature(
    identity, practice, client_id, web, assign, acting_for
):
    identity.link(practice, client_id, PARTNER_A, "self")
    identity.link(practice, client_id, PARTNER_B, "partner", active=False)  # the partner's link was removed
    given = assign("practice-policies").json

    assert sign(web, given["id"], acting_for(PARTNER_A), "Robin Doe").json["status"] == "completed"


def test_staff_name_one_guardian_of_two_and_only_that_guardian_signs(
    identity, practice, client_id, web, assign, acting_for
):
    identity.link(practice, client_id, MINOR, "self")
    identity.link(practice, client_id, GUARDIAN, "guardian")
    other_guardian = str(uuid.uuid4())
    identity.link(practice, client_id, other_guardian, "guardian")
    given = assign("informed-consent", signers=[other_guardian]).json

    refused = sign(web, given["id"], acting_for(GUARDIAN), "Alex Doe")
    signed = sign(web, given["id"], acting_for(other_guardian), "Sam Doe")

    assert given["signers"] == [other_guardian]
    assert (refused.status_code, refused.json["code"]) == (403, "not-a-signer")
    assert (signed.status_code, signed.json["status"]) == (200, "completed")


def test_staff_name_both_guardians_and_the_consent_waits_for_each(
    minor, identity, practice, client_id, web, assign, acting_for
):
    other_guardian = str(uuid.uuid4())
    identity.link(practice, client_id, other_guardian, "guardian")
    given = assign("informed-consent", signers=[GUARDIAN, other_guardian]).json

    first = sign(web, given["id"], acting_for(GUARDIAN), "Alex Doe")
    second = sign(web, given["id"], acting_for(other_guardian), "Sam Doe")

    assert (first.json["status"], second.json["status"]) == ("pending", "completed")


def test_only_the_partner_staff_named_fills_a_couples_form_and_the_other_sees_it_is_theirs(
    couple, web, assign, acting_for, events
):
    given = assign("adult-intake", signers=[PARTNER_B]).json
    draft = {"answers": {}}

    def listed(account_id):
        items = web.get("/api/v1/assignments", headers=acting_for(account_id)).json["items"]
        return {item["id"]: item["for_someone_else"] for item in items}

    by_other = web.put(f"/api/v1/assignments/{given['id']}/draft", json=draft, headers=acting_for(PARTNER_A))
    submit_by_other = web.post(f"/api/v1/assignments/{given['id']}/submit", json=draft, headers=acting_for(PARTNER_A))
    by_named = web.put(f"/api/v1/assignments/{given['id']}/draft", json=draft, headers=acting_for(PARTNER_B))
    opened = web.get(f"/api/v1/assignments/{given['id']}", headers=acting_for(PARTNER_A)).json

    assert (by_other.status_code, by_other.json["code"]) == (403, "not-your-task")
    assert (submit_by_other.status_code, submit_by_other.json["code"]) == (403, "not-your-task")
    assert by_named.status_code == 200
    assert (listed(PARTNER_A), listed(PARTNER_B)) == ({given["id"]: True}, {given["id"]: False})
    assert opened["for_someone_else"] is True
    assert events("forms.assignment.submitted") == []


@pytest.mark.parametrize(
    ("template", "named", "message"),
    [
        ("adult-intake", "stranger", "This account does not reach the client's profile."),
        ("informed-consent", MINOR, "A parent or guardian signs a minor's consent."),
    ],
)
def test_staff_can_name_only_accounts_that_may_complete_or_sign(minor, web, assign, template, named, message, events):
    refused = assign(template, signers=[GUARDIAN, str(uuid.uuid4()) if named == "stranger" else named])

    assert refused.status_code == 422
    assert refused.json["errors"] == {"signers.1": [message]}
    assert events("forms.assignment.created") == []


def test_a_named_signer_whose_link_ended_is_passed_over(identity, practice, client_id, web, assign, acting_for):
    identity.link(practice, client_id, PARTNER_A, "self")
    identity.link(practice, client_id, PARTNER_B, "partner")
    given = assign("practice-policies", signers=[PARTNER_A, PARTNER_B]).json
    identity.end_link(practice, client_id, PARTNER_B)  # the partner's access ended since

    assert sign(web, given["id"], acting_for(PARTNER_A), "Robin Doe").json["status"] == "completed"
