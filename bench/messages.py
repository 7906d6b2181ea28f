"""Secure messages posted per second through the gateway against straight to messaging, in the same
run against the same real processes; and the event -> email latency at a steady rate: each staff
message makes `messaging.message.sent`, whose notice lands in the mail folder as `<email id>.eml`.

The latency of one message is the file's modification time minus the moment its POST left. At the
steady rate each message starts a thread of its own (POST /api/v1/staff/threads with its first
message), so its notice is the one email whose link names that thread.

Prints one JSON object: {"posts_per_s", "direct_per_s", "ratio", "email_p99_ms", "email_p50_ms",
"post_p50_ms", "post_p99_ms" (how long the steady POSTs took to answer: part of the email latency),
"emails", "rate_per_s", "steady_posted_per_s" and "steady_delivered_per_s" (the rates reached: below
`rate_per_s` when the machine cannot keep it), "posts", "clients", "database", and where the CPU went
while the steady messages passed: "machine_cpu_ms_per_message" (all cores, everything running) and
"cpu_ms_per_message" of each of the portal's processes}. Goals (issue 9): ratio >= 0.5 and
email_p99_ms <= 500 at 100 messages/s.
"""

from __future__ import annotations

import argparse
import dataclasses
import email
import email.policy
import json
import os
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from portal_stack import Stack, throwaway_stack

STAFF_EMAIL = "owner@demo.test"
THREAD_LINK = re.compile(r"/messages\?thread=([0-9a-f-]{36})")
INVITATION_LINK = re.compile(r"/invitations/([A-Za-z0-9_\-]+)")


def signed_in(base_url: str, address: str, password: str) -> requests.Session:
    session = requests.Session()
    login = session.post(f"{base_url}/api/v1/auth/login", json={"email": address, "password": password}, timeout=10)
    login.raise_for_status()
    session.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
    session.cookies.clear()
    return session


def mails(folder: Path) -> dict[str, tuple[int, email.message.EmailMessage]]:
    """Every email in the folder: its file name -> (modification time in ns, the message)."""
    found = {}
    for path in folder.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        found[path.name] = (path.stat().st_mtime_ns, message)
    return found  # type: ignore[return-value]


def text_of(message: email.message.EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    return str(body.get_content()) if body else ""  # type: ignore[union-attr]


def wait_for_mail_count(folder: Path, count: int, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while len(list(folder.glob("*.eml"))) < count:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{len(list(folder.glob('*.eml')))} of {count} emails after {timeout:.0f} s")
        time.sleep(0.2)


def client_with_account(stack: Stack, staff: requests.Session, mail_dir: Path) -> str:
    """A client of the demo practice who accepted their invitation (so they are told of messages)."""
    base = stack.env["PUBLIC_BASE_URL"]
    address = f"bench-{secrets.token_hex(4)}@example.test"
    person = {"first_name": "Robin", "last_name": "Bench", "email": address}
    created = staff.post(f"{base}/api/v1/staff/clients", json=person, timeout=10)
    created.raise_for_status()
    client_id = created.json()["id"]
    staff.post(f"{base}/api/v1/staff/clients/{client_id}/invitations", json={}, timeout=10).raise_for_status()
    deadline = time.monotonic() + 30
    token = None
    while token is None and time.monotonic() < deadline:
        for _, message in mails(mail_dir).values():
            if address in str(message["To"]) and (match := INVITATION_LINK.search(text_of(message))):
                token = match.group(1)
        time.sleep(0.1)
    if token is None:
        raise TimeoutError("no invitation email")
    agreements = {"accept_terms": True, "accept_privacy": True, "accept_electronic_notices": True}
    password = f"steady river lantern {secrets.token_hex(3)}"
    accepted = requests.post(
        f"{base}/api/v1/invitations/{token}/accept", json={"password": password, **agreements}, timeout=10
    )
    accepted.raise_for_status()
    return str(client_id)


def post_rate(session: requests.Session, url: str, posts: int, clients: int) -> tuple[float, int]:
    """Messages per second posted into one thread by `clients` callers at once, as fast as they go,
    and how many were posted."""
    per_client = posts // clients

    def post_many(_: int) -> None:
        with requests.Session() as own:
            own.headers.update(session.headers)
            for number in range(per_client):
                own.post(url, json={"text": f"Bench message {number}"}, timeout=30).raise_for_status()

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(post_many, range(clients)))
    return per_client * clients / (time.perf_counter() - started), per_client * clients


@dataclasses.dataclass(frozen=True)
class Steady:
    latencies_ms: list[float]  # sorted
    answered_ms: list[float]  # sorted: how long each POST took to answer
    posted_per_s: float  # the rate the posts kept up
    delivered_per_s: float  # emails written per second, from the first post to the last email


def steady_latencies(
    staff: requests.Session, base: str, client_id: str, mail_dir: Path, rate: float, seconds: float
) -> Steady:
    """Start `rate` threads a second for `seconds`; each one's milliseconds from POST to email file."""
    before = set(mails(mail_dir))
    posted: dict[str, int] = {}
    answered_ms: list[float] = []
    lock = threading.Lock()
    count = int(rate * seconds)

    def start_thread(number: int) -> None:
        sent_at = time.time_ns()
        answer = staff.post(
            f"{base}/api/v1/staff/threads",
            json={"client_id": client_id, "subject": f"Bench {number}", "text": "See you on Tuesday."},
            timeout=30,
        )
        answer.raise_for_status()
        with lock:
            posted[answer.json()["id"]] = sent_at
            answered_ms.append((time.time_ns() - sent_at) / 1e6)

    begun = time.perf_counter()
    with ThreadPoolExecutor(16) as pool:
        for number in range(count):
            # A steady schedule: a slow answer does not hold the next message back.
            time.sleep(max(0.0, begun + number / rate - time.perf_counter()))
            pool.submit(start_thread, number)
    posted_in = time.perf_counter() - begun
    wait_for_mail_count(mail_dir, len(before) + count)
    latencies, written = [], []
    for name, (written_ns, message) in mails(mail_dir).items():
        match = THREAD_LINK.search(text_of(message))
        if name not in before and match and match.group(1) in posted:
            latencies.append((written_ns - posted[match.group(1)]) / 1e6)
            written.append(written_ns)
    if len(latencies) != count:
        raise RuntimeError(f"{len(latencies)} notices for {count} messages")
    delivered_in = (max(written) - min(posted.values())) / 1e9
    return Steady(sorted(latencies), sorted(answered_ms), count / posted_in, count / delivered_in)


def cpu_ms_by_session() -> dict[int, float]:
    """CPU time (user + system, in ms) of every process on the machine, summed by session id; {} where
    there is no /proc."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    used: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        session, user, system = int(fields[3]), int(fields[11]), int(fields[12])
        used[session] = used.get(session, 0.0) + (user + system) * 1000 / ticks
    return used


def machine_busy_ms() -> float:
    """CPU time the whole machine spent busy (all cores, in ms): /proc/stat less idle and iowait."""
    path = Path("/proc/stat")
    if not path.exists():
        return 0.0
    values = [int(value) for value in path.read_text().splitlines()[0].split()[1:]]
    return (sum(values) - values[3] - values[4]) * 1000 / os.sysconf("SC_CLK_TCK")


def cpu_per_message(stack: Stack, before: dict[int, float], after: dict[int, float], messages: int) -> dict[str, float]:
    """Each of the portal's processes (web ones with their workers): CPU ms per steady message."""
    figures = {}
    for name, session in stack.session_ids().items():
        figures[name] = round((after.get(session, 0.0) - before.get(session, 0.0)) / messages, 2)
    return dict(sorted(figures.items(), key=lambda item: -item[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=400)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    password = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory() as home:
        mail_dir = Path(home) / "mail"
        settings = {"DEMO_PASSWORD": password}
        # As deployed: gunicorn writes no access log (deploy/docker/gunicorn.conf.py).
        with throwaway_stack(Path(home), args.database_url, settings, workers=2, access_log=False) as stack:
            base = stack.env["PUBLIC_BASE_URL"]
            staff = signed_in(base, STAFF_EMAIL, password)
            client_id = client_with_account(stack, staff, mail_dir)
            emails_before = len(list(mail_dir.glob("*.eml")))
            thread = staff.post(
                f"{base}/api/v1/staff/threads", json={"client_id": client_id, "subject": "Bench", "text": "Hello"}
            )
            thread.raise_for_status()
            path = f"/api/v1/staff/threads/{thread.json()['id']}/messages"
            direct_base = f"http://127.0.0.1:{stack.ports.messaging}"
            # Warm the pools and the key caches; then both in turns, so that the machine's load falls
            # on both alike. Each post is a notice to the client: one email more (the thread's own too).
            posted = 1 + post_rate(staff, base + path, 8, 2)[1] + post_rate(staff, direct_base + path, 8, 2)[1]
            gateway_rates, direct_rates = [], []
            for _ in range(2):
                for rates, url in ((gateway_rates, base + path), (direct_rates, direct_base + path)):
                    rate, count = post_rate(staff, url, args.posts // 2, args.clients)
                    rates.append(rate)
                    posted += count
            # Every notice of those posts out of the way before the latency is measured.
            wait_for_mail_count(mail_dir, emails_before + posted)
            time.sleep(1.0)
            used_before, busy_before = cpu_ms_by_session(), machine_busy_ms()
            steady = steady_latencies(staff, base, client_id, mail_dir, args.rate, args.seconds)
            used_after, busy_after = cpu_ms_by_session(), machine_busy_ms()
            messages = len(steady.latencies_ms)
            by_process = cpu_per_message(stack, used_before, used_after, messages)
    posts, direct = max(gateway_rates), max(direct_rates)
    figures = {
        "posts_per_s": round(posts, 1),
        "direct_per_s": round(direct, 1),
        "ratio": round(posts / direct, 3),
        "email_p99_ms": round(statistics.quantiles(steady.latencies_ms, n=100)[98], 1),
        "email_p50_ms": round(statistics.median(steady.latencies_ms), 1),
        "post_p50_ms": round(statistics.median(steady.answered_ms), 1),
        "post_p99_ms": round(statistics.quantiles(steady.answered_ms, n=100)[98], 1),
        "emails": len(steady.latencies_ms),
        "rate_per_s": args.rate,
        "steady_posted_per_s": round(steady.posted_per_s, 1),
        "steady_delivered_per_s": round(steady.delivered_per_s, 1),
        "posts": args.posts,
        "clients": args.clients,
        "database": args.database_url.split(":", 1)[0],
        # Where the time goes at the steady rate: the whole machine (the portal, PostgreSQL, RabbitMQ
        # and this bench's own client), and each of the portal's processes.
        "machine_cpu_ms_per_message": round((busy_after - busy_before) / messages, 1),
        "cpu_ms_per_message": by_process,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
