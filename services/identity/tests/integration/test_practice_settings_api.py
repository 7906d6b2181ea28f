"""A practice's settings: every staff member reads them, owners and admins change them within safe
limits, each change is audited and published, and the other services read what they need."""

from portalkit.testing import outbox_events

SETTINGS = "/api/v1/staff/practice/settings"
FEATURES = (
    "appointments",
    "self_scheduling",
    "telehealth",
    "forms",
    "consents",
    "assessments",
    "documents",
    "uploads",
    "messages",
    "insurance",
    "autopay",
    "invoices_and_payments",
    "statements",
    "superbills",
    "receipts",
    "estimates",
    "profile_edits",
)


def test_a_new_practice_has_the_safe_defaults_and_every_feature_on(http, staff):
    answer = http.get(SETTINGS, headers=staff["headers"])

    assert answer.status_code == 200
    assert answer.json == {
        "practice_id": staff["practice_id"],
        "name": "Harbour Therapy",
        "logo_url": None,
        "contact_phone": None,
        "time_zone": "America/New_York",
        "require_staff_two_factor": False,
        "invitation_expiry_hours": 120,
        "invitation_reminder_hours": 24,
        "verification_expiry_hours": 24,
        "sign_in_link_expiry_minutes": 1440,
        "reset_code_expiry_minutes": 15,
        "staff_pin_expiry_minutes": 15,
        "staff_reset_link_default_hours": 48,
        "session_idle_minutes": 15,
        "features": dict.fromkeys(FEATURES, True),
    }


def test_every_staff_role_reads_them_and_only_owners_and_admins_change_them(
    http, staff, add_staff, sign_in, client_account
):
    outcomes = {}
    for role in ("admin", "clinician", "billing", "front_desk"):
        add_staff(email=f"{role}@harbour.test", role=role)
        headers = {"Authorization": f"Bearer {sign_in(f'{role}@harbour.test')['access_token']}"}
        read = http.get(SETTINGS, headers=headers).status_code
        changed = http.patch(SETTINGS, json={"invitation_reminder_hours": 48}, headers=headers).status_code
        outcomes[role] = (read, changed)
    client = sign_in(client_account["email"], "lanterns over the bay")

    assert outcomes == {"admin": (200, 200), "clinician": (200, 403), "billing": (200, 403), "front_desk": (200, 403)}
    assert http.get(SETTINGS, headers={"Authorization": f"Bearer {client['access_token']}"}).status_code == 403


def test_a_change_is_saved_audited_and_published_by_name(http, staff, engine):
    body = {
        "invitation_expiry_hours": 24 * 14,
        "invitation_reminder_hours": 0,
        "contact_phone": "+1 555 010 0100",
        "time_zone": "Europe/London",
        "features": {"telehealth": False, "autopay": False, "forms": True},
    }

    changed = http.patch(SETTINGS, json=body, headers=staff["headers"])
    again = http.patch(SETTINGS, json=body, headers=staff["headers"])

    assert changed.status_code == again.status_code == 200
    assert changed.json["invitation_expiry_hours"] == 336
    assert changed.json["time_zone"] == "Europe/London"
    assert changed.json["features"] == {**dict.fromkeys(FEATURES, True), "telehealth": False, "autopay": False}
    (event,) = outbox_events(engine, "identity.practice.settings_changed")
    assert event.practice_id == staff["practice_id"]
    assert sorted(event.data["changed"]) == sorted(
        [
            "invitation_expiry_hours",
            "invitation_reminder_hours",
            "contact_phone",
            "time_zone",
            "features.telehealth",
            "features.autopay",
        ]
    )
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT purpose, actor_id FROM account_events WHERE action = 'practice_settings_changed'"
        ).all()
    assert sorted(purpose for purpose, _ in rows) == sorted(event.data["changed"])
    assert {actor for _, actor in rows} == {staff["account_id"]}


def test_choices_outside_the_limits_are_refused_by_field_and_change_nothing(http, staff, engine):
    refusals = {
        "short expiry": {"invitation_expiry_hours": 23},
        "long expiry": {"invitation_expiry_hours": 24 * 14 + 1},
        "short link": {"sign_in_link_expiry_minutes": 9},
        "reminder after expiry": {"invitation_expiry_hours": 48, "invitation_reminder_hours": 48},
        "unknown setting": {"colour": "blue"},
        "unknown feature": {"features": {"teleportation": False}},
        "a logo address instead of an upload": {"logo_url": "https://example.test/logo.png"},
    }

    answers = {name: http.patch(SETTINGS, json=body, headers=staff["headers"]) for name, body in refusals.items()}

    assert {name: a.status_code for name, a in answers.items()} == dict.fromkeys(refusals, 422)
    assert list(answers["short expiry"].json["errors"]) == ["invitation_expiry_hours"]
    assert list(answers["reminder after expiry"].json["errors"]) == ["invitation_reminder_hours"]
    assert list(answers["unknown feature"].json["errors"]) == ["features.teleportation"]
    assert list(answers["a logo address instead of an upload"].json["errors"]) == ["logo_url"]
    assert http.get(SETTINGS, headers=staff["headers"]).json["invitation_expiry_hours"] == 120
    assert outbox_events(engine, "identity.practice.settings_changed") == []


def test_other_services_read_the_reminder_and_the_features_with_the_client(http, staff, new_client, internal):
    client = new_client()
    http.patch(
        SETTINGS, json={"invitation_reminder_hours": 6, "features": {"messages": False}}, headers=staff["headers"]
    )

    answer = http.get(f"/internal/practices/{staff['practice_id']}/clients/{client['id']}", headers=internal)
    settings = http.get(f"/internal/practices/{staff['practice_id']}/settings", headers=internal)

    assert answer.json["practice"]["invitation_reminder_hours"] == 6
    assert answer.json["practice"]["features"]["messages"] is False
    assert settings.json["features"]["messages"] is False


def test_sign_in_pages_may_show_the_name_logo_and_phone_to_anyone(http, staff):
    http.patch(SETTINGS, json={"contact_phone": "+1 555 010 0100"}, headers=staff["headers"])

    profile = http.get(f"/api/v1/practices/{staff['practice_id']}/public-profile")
    unknown = http.get("/api/v1/practices/no-such-practice/public-profile")

    assert profile.json == {"name": "Harbour Therapy", "logo_url": None, "contact_phone": "+1 555 010 0100"}
    assert unknown.status_code == 404


def test_requiring_two_factor_for_staff_applies_at_once(http, staff):
    turned_on = http.patch(SETTINGS, json={"require_staff_two_factor": True}, headers=staff["headers"])

    after = http.get("/api/v1/staff/clients", headers=staff["headers"])

    assert turned_on.status_code == 200
    assert (after.status_code, after.json["code"]) == (403, "mfa-enrolment-required")
    assert http.get("/api/v1/me/2fa", headers=staff["headers"]).json["enrolment_required"] is True


def test_the_practice_idle_timeout_ends_sessions_sooner(http, staff, sign_in, clock):
    http.patch(SETTINGS, json={"session_idle_minutes": 5}, headers=staff["headers"])
    tokens = sign_in("lead@harbour.test")
    clock.advance(minutes=6)

    refreshed = http.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})

    assert refreshed.status_code == 401


def test_a_time_zone_must_be_a_known_iana_name_and_a_refusal_changes_nothing(http, staff):
    refused = http.patch(
        SETTINGS, json={"time_zone": "Mars/Olympus_Mons", "contact_phone": "+1 555 010 0100"}, headers=staff["headers"]
    )

    assert refused.status_code == 422
    assert list(refused.json["errors"]) == ["time_zone"]
    after = http.get(SETTINGS, headers=staff["headers"]).json
    assert (after["time_zone"], after["contact_phone"]) == ("America/New_York", None)
