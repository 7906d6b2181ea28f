"""The contact of a client carries the practice's logo as an absolute address, asked of identity once
per practice for a while; no logo, or identity unable to say, is an email with the practice's name."""

from messaging.adapters.identity import IdentityPracticeDirectory
from portalkit.errors import Problem

CLIENT = {
    "first_name": "Ana",
    "emails": [{"address": "ana@example.com", "is_default": True}],
    "account": {"status": "active"},
    "practice": {"name": "Harbour"},
}


class Answer:
    def __init__(self, status_code, body):
        self.status_code, self._body = status_code, body
        self.ok = 200 <= status_code < 300

    def json(self):
        return self._body


class FakeIdentity:
    def __init__(self, settings):
        self.settings = settings
        self.asked = []

    def get(self, path, **_):
        self.asked.append(path)
        if path.endswith("/settings"):
            if isinstance(self.settings, Exception):
                raise self.settings
            return self.settings
        return Answer(200, CLIENT)


def test_the_logo_path_becomes_an_address_asked_once_per_practice():
    identity = FakeIdentity(Answer(200, {"logo_url": "/api/v1/practices/p1/logo?v=3"}))
    directory = IdentityPracticeDirectory(identity, "https://portal.example/")

    first, again = directory.contact("p1", "c1"), directory.contact("p1", "c2")

    assert first.logo_url == again.logo_url == "https://portal.example/api/v1/practices/p1/logo?v=3"
    assert identity.asked.count("/internal/practices/p1/settings") == 1
    assert (first.email, first.practice_name, first.can_sign_in) == ("ana@example.com", "Harbour", True)


def test_no_logo_or_no_answer_is_no_logo():
    for settings in (
        Answer(200, {"logo_url": None}),
        Answer(500, {}),
        Problem(503, "upstream-unavailable", "down"),
    ):
        assert (
            IdentityPracticeDirectory(FakeIdentity(settings), "https://portal.example").contact("p1", "c1").logo_url
            is None
        )


def test_without_a_public_address_identity_is_not_asked():
    identity = FakeIdentity(Answer(200, {"logo_url": "/logo"}))

    assert IdentityPracticeDirectory(identity).contact("p1", "c1").logo_url is None
    assert identity.asked == ["/internal/practices/p1/clients/c1"]
