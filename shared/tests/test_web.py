"""The base app every service starts from."""

from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from portalkit.errors import Problem
from portalkit.web import create_service_app


class LineSchema(Schema):
    text = fields.String(required=True, validate=validate.Length(max=5))


class GreetingSchema(Schema):
    name = fields.String(required=True)
    lines = fields.List(fields.Nested(LineSchema))


def make_app(checks=None, proxy_hops=1):
    app, api = create_service_app("test", "1.0.0", checks or {}, proxy_hops=proxy_hops)
    blp = Blueprint("greetings", __name__)

    @blp.post("/greetings")
    @blp.arguments(GreetingSchema)
    def greet(body):
        return {"hello": body["name"]}

    @blp.get("/refuse")
    def refuse():
        raise Problem(409, "already-done", "Already done.", "Nothing to do.", item="x")

    @blp.get("/too-soon")
    def too_soon():
        raise Problem(429, "too-many-codes", "Too many codes.", "Try again in a minute.", retry_after=60)

    @blp.get("/caller")
    def caller():
        from flask import request

        return {"ip": request.remote_addr}

    api.register_blueprint(blp)
    return app.test_client()


def test_an_unknown_field_is_refused_with_the_field_named():
    answer = make_app().post("/greetings", json={"name": "Robin", "admin": True})

    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    assert answer.json["code"] == "validation-failed"
    assert answer.json["errors"] == {"admin": ["Unknown field."]}


def test_a_nested_fields_problem_is_named_by_its_dotted_path():
    body = {"name": "Robin", "lines": [{"text": "short"}, {"text": "far too long"}, {}]}

    answer = make_app().post("/greetings", json=body)

    assert answer.status_code == 422
    assert answer.json["errors"] == {
        "lines.1.text": ["Longer than maximum length 5."],
        "lines.2.text": ["Missing data for required field."],
    }


def test_a_problem_renders_as_problem_json_with_its_stable_code():
    answer = make_app().get("/refuse")

    assert answer.status_code == 409
    assert answer.mimetype == "application/problem+json"
    assert answer.json == {
        "type": "https://portal.example/problems/already-done",
        "code": "already-done",
        "title": "Already done.",
        "status": 409,
        "detail": "Nothing to do.",
        "item": "x",
    }


def test_a_problem_that_says_when_to_retry_says_it_in_the_retry_after_header_too():
    app = make_app()

    too_soon, refused = app.get("/too-soon"), app.get("/refuse")

    assert (too_soon.status_code, too_soon.headers["Retry-After"], too_soon.json["retry_after"]) == (429, "60", 60)
    assert "Retry-After" not in refused.headers


def test_an_unknown_path_is_a_problem_too():
    answer = make_app().get("/nowhere")

    assert answer.status_code == 404
    assert answer.mimetype == "application/problem+json"


def test_readyz_fails_while_a_dependency_is_unreachable():
    def broker_down():
        raise ConnectionError("refused")

    client = make_app({"broker": broker_down, "database": lambda: None})

    answer = client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json["checks"] == {"broker": "ConnectionError"}
    assert client.get("/healthz").status_code == 200


def test_the_correlation_id_is_carried_back_and_metrics_count_requests():
    client = make_app()

    answer = client.get("/healthz", headers={"X-Correlation-ID": "abc-123"})

    assert answer.headers["X-Correlation-ID"] == "abc-123"
    assert 'http_requests_total{method="GET",route="/healthz",status="200"} 1.0' in client.get("/metrics").text


def test_the_callers_address_comes_from_the_proxy_in_front_only():
    forwarded = {"X-Forwarded-For": "203.0.113.9, 198.51.100.7"}

    behind_gateway = make_app(proxy_hops=1).get("/caller", headers=forwarded)
    facing_clients = make_app(proxy_hops=0).get("/caller", headers=forwarded)

    assert behind_gateway.json["ip"] == "198.51.100.7"
    assert facing_clients.json["ip"] == "127.0.0.1"
