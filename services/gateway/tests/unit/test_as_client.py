"""The dashboard's parts ask services as the client: the client's token goes along, a 403 is "no client
profile here", and every other failure is the part's own error."""

import pytest
from gateway.adapters.as_client import get_as_client
from gateway.adapters.upstream import UpstreamAnswer, unavailable

URL = "http://service.test/api/v1/thing"


class PartUnavailable(Exception):
    pass


def unreachable(request):
    raise unavailable()


def ask(upstream):
    return get_as_client(upstream, URL, "client-token", 1.5, PartUnavailable)


def test_the_answer_is_the_json_object_asked_for_with_the_clients_token(upstream, json_answer):
    upstream.answer("GET", URL, json_answer(200, {"count": 2}))

    assert ask(upstream) == {"count": 2}
    (sent,) = upstream.sent
    assert (sent.headers["Authorization"], sent.timeout) == ("Bearer client-token", 1.5)


def test_a_caller_without_a_client_profile_there_gets_none(upstream, json_answer):
    upstream.answer("GET", URL, json_answer(403, {"type": "forbidden"}))

    assert ask(upstream) is None


@pytest.mark.parametrize(
    "answer",
    [
        UpstreamAnswer(500, {}, b"{}"),
        UpstreamAnswer(404, {}, b"{}"),
        UpstreamAnswer(200, {}, b"not json"),
        UpstreamAnswer(200, {}, b"[1, 2]"),
        unreachable,
    ],
    ids=["server-error", "not-found", "not-json", "not-an-object", "unreachable"],
)
def test_every_other_failure_is_the_parts_own_error(upstream, answer):
    upstream.answer("GET", URL, answer)

    with pytest.raises(PartUnavailable):
        ask(upstream)
