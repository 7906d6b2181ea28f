"""Starts the whole portal as real processes: every service (gunicorn), its worker and the gateway.

Used by `make run` (scripts/run_portal.py) and by the end-to-end tests, so that what the tests start
is what a developer runs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

import requests

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ("identity", "invitations", "messaging", "forms", "scheduling", "billing")


@dataclasses.dataclass(frozen=True)
class Ports:
    gateway: int = 8080
    identity: int = 8081
    invitations: int = 8082
    messaging: int = 8083
    forms: int = 8084
    scheduling: int = 8086
    billing: int = 8085

    def of(self, name: str) -> int:
        return int(getattr(self, name))


def service_environment(base: Mapping[str, str], ports: Ports, host: str = "127.0.0.1") -> dict[str, str]:
    """The environment every process gets: where the others are, and the shared dev settings."""
    env = dict(base)
    env.setdefault("PUBLIC_BASE_URL", f"http://{host}:{ports.gateway}")
    env["IDENTITY_URL"] = f"http://{host}:{ports.identity}"
    env["INVITATIONS_URL"] = f"http://{host}:{ports.invitations}"
    env["MESSAGING_URL"] = f"http://{host}:{ports.messaging}"
    env["FORMS_URL"] = f"http://{host}:{ports.forms}"
    env["SCHEDULING_URL"] = f"http://{host}:{ports.scheduling}"
    env["BILLING_URL"] = f"http://{host}:{ports.billing}"
    env["JWKS_URL"] = f"http://{host}:{ports.identity}/.well-known/jwks.json"
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


class Stack:
    def __init__(
        self,
        env: Mapping[str, str],
        ports: Ports,
        log_dir: Path | None = None,
        workers: int = 2,
        access_log: bool = True,
    ) -> None:
        self.env = service_environment(env, ports)
        self.ports = ports
        self._log_dir = log_dir
        self._workers = workers
        # gunicorn's line per request: on for development; off as deployed (deploy/docker/gunicorn.conf.py).
        self._access_log = access_log
        self._processes: dict[str, subprocess.Popen[bytes]] = {}
        self._pumps: list[threading.Thread] = []

    # -- set-up ---------------------------------------------------------------------------------
    def run_cli(self, service: str, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", service, *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            raise RuntimeError(f"`python -m {service} {' '.join(args)}` failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def migrate(self) -> None:
        for service in SERVICES:
            self.run_cli(service, "migrate")

    # -- processes ------------------------------------------------------------------------------
    def start(self) -> None:
        for service in SERVICES:
            self._spawn(f"{service}-web", self._gunicorn(service))
            self._spawn(f"{service}-worker", [sys.executable, "-m", f"{service}.worker"])
        self._spawn("gateway", self._gunicorn("gateway"))

    def _gunicorn(self, service: str) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{self.ports.of(service)}",
            "--workers",
            str(self._workers),
            "--threads",
            "4",
            "--graceful-timeout",
            "10",
            *(["--access-logfile", "-"] if self._access_log else []),
            f"{service}.app:create_app()",
        ]

    def _spawn(self, name: str, command: list[str]) -> None:
        if self._log_dir is not None:
            # Straight into its file: no copying through this process.
            with open(self._log_dir / f"{name}.log", "ab") as sink:
                self._processes[name] = subprocess.Popen(
                    command, env=self.env, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
                )
            return
        process = subprocess.Popen(
            command, env=self.env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
        self._processes[name] = process
        pump = threading.Thread(target=_pump, args=(name, process.stdout), daemon=True)
        pump.start()
        self._pumps.append(pump)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        pending = {name: f"http://127.0.0.1:{self.ports.of(name)}/readyz" for name in (*SERVICES, "gateway")}
        while pending:
            self._raise_if_exited()
            for name, url in list(pending.items()):
                with contextlib.suppress(requests.RequestException):
                    if requests.get(url, timeout=2).status_code == 200:
                        del pending[name]
            if pending and time.monotonic() > deadline:
                raise TimeoutError(f"not ready after {timeout:.0f} s: {', '.join(sorted(pending))}")
            if pending:
                time.sleep(0.2)

    def _raise_if_exited(self) -> None:
        for name, process in self._processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with status {process.returncode}")

    def stop_process(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self._processes[name]
        if process.poll() is None:
            os.killpg(process.pid, sig)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def restart_process(self, name: str) -> None:
        command = [str(part) for part in self._processes[name].args]  # type: ignore[union-attr]
        self.stop_process(name)
        self._spawn(name, command)

    def stop(self) -> None:
        for process in self._processes.values():
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in self._processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for pump in self._pumps:
            pump.join(timeout=2)

    def session_ids(self) -> dict[str, int]:
        """Each process by name -> its session id (every process starts a session of its own, which
        its children, such as gunicorn's workers, share)."""
        return {name: process.pid for name, process in self._processes.items()}

    def exited(self) -> Iterator[tuple[str, int]]:
        for name, process in self._processes.items():
            if process.poll() is not None:
                yield name, process.returncode


def _pump(name: str, stream: IO[bytes] | None) -> None:
    """Copy a process's output to our stdout with its name in front."""
    if stream is None:
        return
    prefix = f"{name:>18} | ".encode()
    for line in iter(stream.readline, b""):
        sys.stdout.buffer.write(prefix + line)
        sys.stdout.buffer.flush()


def free_ports(count: int) -> list[int]:
    """`count` distinct free ports: every socket stays bound until all are chosen, so the system
    cannot hand the same port out twice."""
    with contextlib.ExitStack() as held:
        probes = [held.enter_context(socket.socket()) for _ in range(count)]
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [int(probe.getsockname()[1]) for probe in probes]


@contextlib.contextmanager
def throwaway_stack(
    home: Path,
    database_base: str,
    settings: Mapping[str, str] | None = None,
    workers: int = 1,
    access_log: bool = True,
) -> Iterator[Stack]:
    """The whole portal on free ports, a RabbitMQ vhost and databases of its own, with fresh secrets;
    migrated, seeded with the demo practice, ready; everything removed afterwards.

    `database_base` is `sqlite://` (a file per service) or a PostgreSQL URL (a database per service).
    """
    from cryptography.fernet import Fernet
    from portalkit.testing import temporary_database, temporary_vhost

    with contextlib.ExitStack() as resources:
        env = {
            **os.environ,
            "AMQP_URL": resources.enter_context(temporary_vhost()),
            "VAR_DIR": str(home / "var"),
            "MAIL_DIR": str(home / "mail"),
            "INTERNAL_TOKEN": secrets.token_urlsafe(24),
            "SEALED_PAYLOAD_KEY": Fernet.generate_key().decode(),
            "CODE_PEPPER": secrets.token_urlsafe(32),
            **(settings or {}),
        }
        env.pop("DATABASE_URL", None)
        for service in SERVICES:
            env[f"{service.upper()}_DATABASE_URL"] = resources.enter_context(
                temporary_database(database_base, f"stack_{service}")
            )
        logs = home / "logs"
        logs.mkdir(exist_ok=True)
        ports = Ports(*free_ports(len(dataclasses.fields(Ports))))
        stack = Stack(env, ports, log_dir=logs, workers=workers, access_log=access_log)
        stack.migrate()
        stack.run_cli("identity", "seed-demo")
        stack.start()
        resources.callback(stack.stop)
        try:
            stack.wait_ready(timeout=60)
        except Exception:
            print_logs(logs)
            raise
        yield stack
        if list(stack.exited()):
            print_logs(logs)


def print_logs(logs: Path) -> None:
    for path in sorted(logs.glob("*.log")):
        print(f"===== {path.name}\n{path.read_text(errors='replace')[-4000:]}")
