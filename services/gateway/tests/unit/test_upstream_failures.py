"""The real transport against real sockets: a service that is down, silent, or talking nonsense
becomes a 503, 504 or 502 problem for the caller."""

import contextlib
import socket
import threading

import pytest
from flask import Flask, request
from gateway.adapters.upstream import HttpUpstream, UpstreamRequest
from werkzeug.serving import make_server


@contextlib.contextmanager
def silent_server():
    """A port that accepts connections (the kernel completes the handshake) but never answers."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield f"http://127.0.0.1:{server.getsockname()[1]}"


@contextlib.contextmanager
def nonsense_server():
    """Answers every connection with bytes that are not HTTP."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)

    def answer_all():
        with contextlib.suppress(OSError):
            while True:
                connection, _ = server.accept()
                with connection:
                    connection.recv(65536)
                    connection.sendall(b"this is not http\r\n\r\n")

    threading.Thread(target=answer_all, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        server.close()


def refusing_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@pytest.fixture
def failing_services():
    with silent_server() as silent, nonsense_server() as nonsense:
        yield {"refused": refusing_url(), "silent": silent, "nonsense": nonsense}


@pytest.mark.parametrize(
    ("service", "status", "code"),
    [("refused", 503, "upstream-unavailable"), ("silent", 504, "upstream-timeout"), ("nonsense", 502, "bad-gateway")],
)
def test_a_failing_service_is_answered_with_a_problem(
    make_gateway, staff_headers, failing_services, service, status, code
):
    gateway = make_gateway(transport=HttpUpstream(timeout=0.3), identity_url=failing_services[service])

    response = gateway.test_client().get("/api/v1/me", headers=staff_headers)

    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert response.json["code"] == code


@contextlib.contextmanager
def echo_service():
    service = Flask("echo")

    @service.post("/api/v1/echo")
    def echo():
        return {
            "query": request.args.to_dict(),
            "body": request.get_json(),
            "agent": request.headers["User-Agent"],
        }, 201

    server = make_server("127.0.0.1", 0, service, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def test_a_real_service_gets_the_query_body_and_headers():
    with echo_service() as url:
        answer = HttpUpstream(timeout=5).send(
            UpstreamRequest(
                "POST",
                url + "/api/v1/echo?page=2",
                {"Content-Type": "application/json", "User-Agent": "t/1"},
                b'{"a":1}',
            )
        )

    assert answer.status == 201
    assert answer.headers["content-type"] == "application/json"
    assert answer.body.replace(b" ", b"").replace(b"\n", b"") == b'{"agent":"t/1","body":{"a":1},"query":{"page":"2"}}'
