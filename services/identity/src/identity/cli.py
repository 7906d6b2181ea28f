"""`python -m identity migrate [--revision REV] | downgrade --revision REV | seed-demo | create-staff ...`"""

from __future__ import annotations

import argparse
import json
import secrets
import sys

from portalkit import migrations
from portalkit.clock import clock_from_settings
from portalkit.db import make_engine, make_session_factory
from portalkit.errors import Problem

from identity.adapters.password_hasher import PasswordHasher
from identity.domain.model import STAFF_ROLES
from identity.service import accounts
from identity.service.unit_of_work import IdentityUnitOfWork
from identity.settings import IdentitySettings


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = IdentitySettings.from_env()
    if migrations.run_command(args, migrations.migrations_dir("identity", __file__), settings.database_url):
        return 0
    try:
        return _staff_command(args, settings)
    except Problem as problem:
        print(json.dumps(problem.to_dict()), file=sys.stderr)
        return 2


def _staff_command(args: argparse.Namespace, settings: IdentitySettings) -> int:
    uow = _unit_of_work(settings)
    if args.command == "seed-demo":
        # Generated passwords are 16 random URL-safe characters: never common, never the email.
        password = settings.demo_password or secrets.token_urlsafe(12)
        accounts.seed_demo(uow, password, PasswordHasher())
        print(f"Staff sign-in: {accounts.DEMO_OWNER_EMAIL} / {password}")
        return 0
    created = accounts.ensure_staff(uow, args.practice_name, args.email, args.password, args.role, PasswordHasher())
    print(json.dumps(created))
    return 0


def _unit_of_work(settings: IdentitySettings) -> IdentityUnitOfWork:
    engine = make_engine(settings.database_url)
    return IdentityUnitOfWork(make_session_factory(engine), clock_from_settings(settings.clock_offset_file))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m identity")
    commands = parser.add_subparsers(dest="command", required=True)
    migrations.add_commands(commands)
    commands.add_parser("seed-demo", help="the demo practice and its owner; prints the sign-in")
    staff = commands.add_parser("create-staff", help="a practice (when new) and a staff account in it")
    staff.add_argument("--practice-name", required=True)
    staff.add_argument("--email", required=True)
    staff.add_argument("--password", required=True)
    staff.add_argument("--role", required=True, choices=STAFF_ROLES)
    return parser
