"""`make run`: migrate, load the demo practice, start every process, wait until ready, print the URLs.

Ctrl-C stops everything. Settings come from the environment (see README); dev secrets are generated
once into var/dev.env so that restarts keep working.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pika
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, make_url, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from portal_stack import ROOT, SERVICES, Ports, Stack

VAR = ROOT / "var"
DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"


DEV_SECRETS = {
    "INTERNAL_TOKEN": lambda: secrets.token_urlsafe(32),
    "SEALED_PAYLOAD_KEY": lambda: Fernet.generate_key().decode(),
    "CODE_PEPPER": lambda: secrets.token_urlsafe(32),
}


def dev_secrets() -> dict[str, str]:
    """Secrets for this machine's dev portal, made once and kept in var/dev.env (mode 600)."""
    path = VAR / "dev.env"
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line) if path.exists() else ()
    known = dict(pairs)
    missing = {name: make() for name, make in DEV_SECRETS.items() if name not in known}
    if missing:
        path.write_text("".join(f"{name}={value}\n" for name, value in {**known, **missing}.items()))
        path.chmod(0o600)
    return {**known, **missing}


def ensure_broker(amqp_url: str) -> None:
    if broker_answers(amqp_url):
        return
    if shutil.which("rabbitmq-server") is None:
        sys.exit(
            f"RabbitMQ does not answer at {amqp_url} and is not installed.\n"
            "Install and start it, then run `make run` again:\n"
            "  Debian/Ubuntu: sudo apt-get install rabbitmq-server\n"
            "  macOS:         brew install rabbitmq && brew services start rabbitmq\n"
            "or point AMQP_URL at a running broker."
        )
    print("RabbitMQ is not running; starting it with `rabbitmq-server -detached` ...")
    subprocess.run(["rabbitmq-server", "-detached"], check=False)
    deadline = time.monotonic() + 90
    while not broker_answers(amqp_url):
        if time.monotonic() > deadline:
            sys.exit("RabbitMQ did not come up within 90 s; see its log, or set AMQP_URL.")
        time.sleep(1)


def broker_answers(amqp_url: str) -> bool:
    try:
        pika.BlockingConnection(pika.URLParameters(amqp_url)).close()
    except Exception:
        return False
    return True


def per_service_databases(env: dict[str, str]) -> None:
    """With one PostgreSQL DATABASE_URL, give each service its own database `<name>_<service>`."""
    base = env.get("DATABASE_URL", "")
    if not base.startswith("postgresql"):
        return
    url = make_url(base)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        existing = set(connection.execute(text("SELECT datname FROM pg_database")).scalars())
        for service in SERVICES:
            key = f"{service.upper()}_DATABASE_URL"
            if key in env:
                continue
            name = f"{url.database}_{service}"
            if name not in existing:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            env[key] = url.set(database=name).render_as_string(hide_password=False)
    admin.dispose()


def main() -> None:
    VAR.mkdir(exist_ok=True)
    env = {**dev_secrets(), **os.environ}
    env.setdefault("AMQP_URL", DEFAULT_AMQP_URL)
    env.setdefault("VAR_DIR", str(VAR))
    env.setdefault("MAIL_DIR", str(VAR / "mail"))
    env.setdefault("DEV_MAILBOX", "true")
    ensure_broker(env["AMQP_URL"])
    per_service_databases(env)
    stack = Stack(env, Ports())
    print("Migrating databases ...")
    stack.migrate()
    login = stack.run_cli("identity", "seed-demo").strip()
    print("Starting services ...")
    stack.start()
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        stack.wait_ready(timeout=90)
        banner(stack, login)
        while not list(stack.exited()):
            time.sleep(1)
        print(f"A process stopped: {list(stack.exited())}; stopping the rest.")
    except KeyboardInterrupt:
        print("\nStopping ...")
    finally:
        stack.stop()


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def banner(stack: Stack, login: str) -> None:
    base = stack.env["PUBLIC_BASE_URL"]
    print(
        "\n"
        "  The client portal is running.\n"
        f"    Web:          {base}/\n"
        f"    API:          {base}/api/v1/   (OpenAPI: {base}/openapi.json)\n"
        f"    {login}\n"
        f"    Outgoing mail: {stack.env['MAIL_DIR']}/*.eml\n"
        "  Press Ctrl-C to stop.\n",
        flush=True,
    )


if __name__ == "__main__":
    main()
