"""The real transport against a real socket that drops the first connection without answering (as
a service does when its keep-alive ends the moment a pooled connection is reused): a GET is asked
again once and succeeds; a POST is never sent twice and becomes a 502 problem."""

import socket
import threading

import pytest
from gateway.adapters.upstream import HttpUpstream, UpstreamRequest
from portalkit.errors import Problem

ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"


class DropsFirstConnection:
    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.requests_seen = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/api/v1/things"

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                if not connection.recv(65536):
                    continue
                self.requests_seen += 1
                if self.requests_seen > 1:
                    connection.sendall(ANSWER)

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def service():
    server = DropsFirstConnection()
    yield server
    server.close()


def test_a_get_on_a_dropped_connection_is_asked_once_more(service):
    answer = HttpUpstream(timeout=5).send(UpstreamRequest("GET", service.url))

    assert answer.status == 200
    assert service.requests_seen == 2


def test_a_post_on_a_dropped_connection_is_not_repeated(service):
    with pytest.raises(Problem) as refused:
        HttpUpstream(timeout=5).send(UpstreamRequest("POST", service.url, body=b"{}"))

    assert refused.value.status == 502
    assert service.requests_seen == 1
