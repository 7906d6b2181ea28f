"""Fault injection: RabbitMQ's app is stopped and started while invitations are being sent.
Every invitation email must arrive exactly once (outbox + publisher confirms + inbox)."""

import subprocess
import time

import pytest
import requests

pytestmark = [pytest.mark.e2e, pytest.mark.fault]

PER_PHASE = 8


def rabbitmqctl(*args):
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, timeout=180)


def poll(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def outbox_backlog(portal, service):
    metrics = requests.get(f"http://127.0.0.1:{portal.stack.ports.of(service)}/metrics", timeout=5).text
    line = next(line for line in metrics.splitlines() if line.startswith("outbox_backlog "))
    return float(line.split()[1])


def ready(portal, service):
    return requests.get(f"http://127.0.0.1:{portal.stack.ports.of(service)}/readyz", timeout=5).status_code == 200


def send_invitations(portal, staff, clients):
    for client_id, _ in clients:
        answer = staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/invitations"), json={})
        assert answer.status_code == 201, answer.text


def test_every_invitation_email_arrives_exactly_once_across_a_broker_restart(portal, new_email):
    staff = portal.staff_session()
    clients = []
    for _ in range(3 * PER_PHASE):
        email = new_email("fault")
        answer = staff.post(
            portal.url("/api/v1/staff/clients"), json={"first_name": "Sam", "last_name": "Reed", "email": email}
        )
        clients.append((answer.json()["id"], email))
    before, during, after = clients[:PER_PHASE], clients[PER_PHASE:-PER_PHASE], clients[-PER_PHASE:]

    send_invitations(portal, staff, before)
    rabbitmqctl("stop_app")
    try:
        send_invitations(portal, staff, during)
        poll(lambda: not ready(portal, "invitations"), 15, "/readyz to report the broker down")
    finally:
        rabbitmqctl("start_app")
        rabbitmqctl("await_startup")
    send_invitations(portal, staff, after)

    for _, email in clients:
        portal.wait_for_mail(email, timeout=120)
    for service in ("invitations", "messaging"):
        poll(lambda service=service: outbox_backlog(portal, service) == 0, 60, f"{service}'s outbox to drain")
    poll(lambda: ready(portal, "invitations"), 30, "/readyz to recover")
    counts = {email: len(portal.mail_to(email)) for _, email in clients}
    assert counts == {email: 1 for _, email in clients}
