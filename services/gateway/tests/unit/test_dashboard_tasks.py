"""The dashboard's "Tasks to complete" come from forms, asked with the client's own access token:
each assignment becomes a task with the page that opens it, kinds whose feature is off are left
out, and forms being down or slow leaves the rest of the dashboard standing."""

import pytest
from gateway.adapters.upstream import timed_out, unavailable

SETTINGS_URL = "http://identity.test/internal/practices/practice-1/settings"
ASSIGNMENTS_URL = "http://forms.test/api/v1/assignments"
ALL_ON = {"forms": True, "consents": True, "assessments": True, "messages": True}


def assignment(kind, status="pending", **fields):
    number = fields.pop("number", 1)
    return {
        "id": f"{kind}-{number}",
        "client_id": "client-1",
        "template_id": "template-1",
        "template_version_id": "version-1",
        "kind": kind,
        "title": f"A {kind}",
        "instrument": "phq-9" if kind == "assessment" else None,
        "status": status,
        "due_on": None,
        "assigned_at": "2026-11-01T09:00:00+00:00",
        "completed_at": None,
        "packet_id": None,
        "replaces_id": None,
        "signed_by_you": False,
        "for_someone_else": False,
        **fields,
    }


@pytest.fixture
def practice(upstream, json_answer):
    def features(**changes):
        upstream.answer("GET", SETTINGS_URL, json_answer(200, {"features": {**ALL_ON, **changes}}))

    features()
    return features


@pytest.fixture
def forms_holds(upstream, json_answer):
    def holds(*items):
        upstream.answer("GET", ASSIGNMENTS_URL, json_answer(200, {"items": list(items)}))

    return holds


@pytest.fixture
def client_token(issue_token):
    return issue_token("client", profile_id="client-1")


def dashboard(client, token):
    response = client.get("/api/v1/dashboard", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.json
    return response.json


def test_each_assignment_becomes_a_task_with_its_page(client, practice, forms_holds, client_token):
    forms_holds(
        assignment("form", due_on="2026-11-20"),
        assignment("consent", status="completed", completed_at="2026-11-02T10:00:00+00:00"),
        assignment("consent", number=2, signed_by_you=True),
        assignment("form", number=2, for_someone_else=True),
    )

    answer = dashboard(client, client_token)

    assert answer["tasks_unavailable"] is False
    assert answer["tasks"] == [
        {
            "id": "form-1",
            "kind": "form",
            "title": "A form",
            "status": "pending",
            "due_on": "2026-11-20",
            "completed_at": None,
            "signed_by_you": False,
            "for_someone_else": False,
            "url": "/tasks/form-1",
        },
        {
            "id": "consent-1",
            "kind": "consent",
            "title": "A consent",
            "status": "completed",
            "due_on": None,
            "completed_at": "2026-11-02T10:00:00+00:00",
            "signed_by_you": False,
            "for_someone_else": False,
            "url": "/tasks/consent-1",
        },
        {
            "id": "consent-2",
            "kind": "consent",
            "title": "A consent",
            "status": "pending",
            "due_on": None,
            "completed_at": None,
            "signed_by_you": True,
            "for_someone_else": False,
            "url": "/tasks/consent-2",
        },
        {
            "id": "form-2",
            "kind": "form",
            "title": "A form",
            "status": "pending",
            "due_on": None,
            "completed_at": None,
            "signed_by_you": False,
            "for_someone_else": True,
            "url": "/tasks/form-2",
        },
    ]


def test_forms_is_asked_with_the_callers_own_token_and_a_short_timeout(
    client, upstream, practice, forms_holds, client_token
):
    forms_holds()

    dashboard(client, client_token)

    (asked,) = [sent for sent in upstream.sent if sent.url == ASSIGNMENTS_URL]
    assert asked.method == "GET"
    assert asked.headers["Authorization"] == f"Bearer {client_token}"
    assert asked.timeout is not None and asked.timeout <= 5


def test_the_browsers_access_cookie_is_the_token_forms_gets(client, upstream, practice, forms_holds, client_token):
    forms_holds(assignment("form"))
    client.set_cookie("portal_access", client_token)

    answer = client.get("/api/v1/dashboard").json

    assert [task["id"] for task in answer["tasks"]] == ["form-1"]
    assert upstream.last.headers["Authorization"] == f"Bearer {client_token}"


@pytest.mark.parametrize(
    ("feature", "kept"),
    [
        ("forms", ["consent-1", "assessment-1"]),
        ("consents", ["form-1", "assessment-1"]),
        ("assessments", ["form-1", "consent-1"]),
    ],
)
def test_a_kind_whose_feature_is_off_is_left_out(client, practice, forms_holds, client_token, feature, kept):
    practice(**{feature: False})
    forms_holds(assignment("form"), assignment("consent"), assignment("assessment"))

    answer = dashboard(client, client_token)

    assert [task["id"] for task in answer["tasks"]] == kept
    assert answer["features"][feature] is False


def test_with_every_forms_feature_off_forms_is_not_asked(client, upstream, practice, client_token):
    practice(forms=False, consents=False, assessments=False)

    answer = dashboard(client, client_token)

    assert answer["tasks"] == []
    assert ASSIGNMENTS_URL not in [sent.url for sent in upstream.sent]


@pytest.mark.parametrize("failure", [unavailable(), timed_out()])
def test_forms_down_or_slow_leaves_the_rest_of_the_dashboard(client, upstream, practice, client_token, failure):
    def fail(_request):
        raise failure

    upstream.answer("GET", ASSIGNMENTS_URL, fail)

    answer = dashboard(client, client_token)

    assert answer["tasks"] == []
    assert answer["tasks_unavailable"] is True
    assert answer["features"] == ALL_ON


@pytest.mark.parametrize(("status", "body"), [(500, {"code": "boom"}), (200, {"things": []}), (200, {"items": [{}]})])
def test_an_answer_forms_cannot_stand_behind_is_tasks_unavailable(
    client, upstream, practice, client_token, json_answer, status, body
):
    upstream.answer("GET", ASSIGNMENTS_URL, json_answer(status, body))

    assert dashboard(client, client_token)["tasks_unavailable"] is True


def test_a_client_sign_in_without_a_profile_has_no_tasks(client, upstream, practice, issue_token, json_answer):
    upstream.answer("GET", ASSIGNMENTS_URL, json_answer(403, {"code": "profile-required"}))

    answer = dashboard(client, issue_token("client"))

    assert (answer["tasks"], answer["tasks_unavailable"]) == ([], False)


def test_staff_have_no_tasks_and_forms_is_not_asked(client, upstream, practice, issue_token):
    answer = dashboard(client, issue_token("owner"))

    assert (answer["tasks"], answer["tasks_unavailable"]) == ([], False)
    assert ASSIGNMENTS_URL not in [sent.url for sent in upstream.sent]
