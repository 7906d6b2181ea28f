"""Readiness follows the services; /openapi.json merges their public paths."""

import pytest
from gateway.api.openapi import merge_documents

SERVICES = ("identity", "invitations", "messaging", "forms", "scheduling", "billing")


def document(path, schema_name, schema):
    return {
        "openapi": "3.0.3",
        "paths": {
            path: {
                "get": {
                    "responses": {
                        "200": {
                            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}}
                        }
                    }
                }
            },
            "/internal/secret": {"post": {}},
            "/healthz": {"get": {}},
        },
        "components": {"schemas": {schema_name: schema, "Error": {"type": "object"}}},
    }


def test_ready_when_every_service_answers_healthz(client, upstream):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert {request.url for request in upstream.sent} == {f"http://{name}.test/healthz" for name in SERVICES}


def test_not_ready_when_a_service_does_not_answer(client, upstream, json_answer):
    upstream.answer("GET", "http://messaging.test/healthz", json_answer(503, {}))

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert list(response.json["checks"]) == ["messaging"]


def test_healthz_needs_no_service(client, upstream):
    assert client.get("/healthz").status_code == 200
    assert upstream.sent == []


@pytest.fixture
def services_describe_themselves(upstream, json_answer):
    for name in SERVICES:
        body = document(f"/api/v1/{name}-things", "Thing", {"type": "object", "title": name})
        upstream.answer("GET", f"http://{name}.test/openapi.json", json_answer(200, body))


@pytest.mark.usefixtures("services_describe_themselves")
def test_openapi_merges_the_public_paths_of_every_service_once(client, upstream):
    first = client.get("/openapi.json")
    second = client.get("/openapi.json")

    assert first.status_code == 200
    assert sorted(first.json["paths"]) == sorted(f"/api/v1/{name}-things" for name in SERVICES)
    assert second.json == first.json
    assert len([r for r in upstream.sent if r.url.endswith("/openapi.json")]) == len(SERVICES)


def test_openapi_is_503_while_a_service_is_down_and_tries_again_later(client, upstream, json_answer):
    from gateway.adapters.upstream import unavailable

    def down(_request):
        raise unavailable()

    upstream.answer("GET", "http://identity.test/openapi.json", down)
    assert client.get("/openapi.json").status_code == 503

    upstream.answer("GET", "http://identity.test/openapi.json", json_answer(200, document("/api/v1/me", "Me", {})))
    assert "/api/v1/me" in client.get("/openapi.json").json["paths"]


def test_components_with_the_same_name_and_different_content_are_kept_apart():
    merged = merge_documents(
        {
            "identity": document("/api/v1/me", "Client", {"title": "identity client"}),
            "invitations": document("/api/v1/invitations/{token}", "Client", {"title": "invitation client"}),
        },
        "1.0.0",
    )

    schemas = merged["components"]["schemas"]
    assert schemas["Client"] == {"title": "identity client"}
    assert schemas["InvitationsClient"] == {"title": "invitation client"}
    assert set(schemas) == {"Client", "InvitationsClient", "Error"}
    ref = merged["paths"]["/api/v1/invitations/{token}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ref["schema"]["$ref"] == "#/components/schemas/InvitationsClient"
