"""Practices, the people in them, and what they agreed to."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from identity.domain.practice_logo import LogoImage, logo_path
from identity.domain.practice_settings import DEFAULT_TIME_ZONE, SETTINGS, check_reminder, check_time_zone, features_of

STAFF_ROLES = ("owner", "admin", "clinician", "billing", "front_desk")
CLIENT_ROLE = "client"
ROLES = (*STAFF_ROLES, CLIENT_ROLE)
AGREEMENT_KINDS = ("terms", "privacy", "electronic_notices")
ACTIVE = "active"
DISABLED = "disabled"


def new_id() -> str:
    return str(uuid.uuid4())


class ClientDetailsInvalid(ValueError):
    """A detail of a new client that cannot be right, named by its field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclasses.dataclass
class Practice:
    id: str
    name: str
    invitation_expiry_hours: int = 120
    # How long each secret sent to a person lives (SECURITY.md: per practice, safe defaults).
    verification_expiry_hours: int = 24
    sign_in_link_expiry_minutes: int = 24 * 60
    reset_code_expiry_minutes: int = 15
    staff_pin_expiry_minutes: int = 15
    staff_reset_link_default_hours: int = 48
    # SECURITY.md: two-factor sign-in required for staff who can see clinical data.
    require_staff_two_factor: bool = False
    # Hours before an invitation expires that one reminder goes out; 0: none.
    invitation_reminder_hours: int = 24
    # None: the service's SESSION_IDLE_SECONDS.
    session_idle_minutes: int | None = None
    # Shown on the practice's sign-in pages. The logo is an image identity stores (domain/practice_logo.py).
    contact_phone: str | None = None
    time_zone: str = DEFAULT_TIME_ZONE
    logo_version: str | None = None
    logo_content_type: str | None = None
    # Portal features the practice turned on or off; one not named is on.
    portal_features: dict[str, bool] | None = None

    @property
    def logo_url(self) -> str | None:
        return logo_path(self.id, self.logo_version)

    def change_logo(self, logo: LogoImage | None) -> str | None:
        """Show `logo` from now on (None: no logo); the version it replaces, when there was another."""
        before = self.logo_version
        self.logo_version = logo.version if logo else None
        self.logo_content_type = logo.content_type if logo else None
        return before if before != self.logo_version else None

    @property
    def features(self) -> dict[str, bool]:
        return features_of(self.portal_features)

    def change_settings(self, changes: dict[str, Any]) -> list[str]:
        """Apply the changes; the names of the settings that really changed (features as `features.<name>`)."""
        if "time_zone" in changes:
            check_time_zone(changes["time_zone"])
        changed = [name for name in SETTINGS if name in changes and getattr(self, name) != changes[name]]
        for name in changed:
            setattr(self, name, changes[name])
        features = self.features
        turned = [name for name, on in (changes.get("features") or {}).items() if features[name] != on]
        if turned:
            self.portal_features = {**features, **{name: changes["features"][name] for name in turned}}
        check_reminder(self.invitation_reminder_hours, self.invitation_expiry_hours)
        return changed + [f"features.{name}" for name in turned]

    @property
    def lifetimes(self) -> SecretLifetimes:
        return SecretLifetimes(
            email_verification=dt.timedelta(hours=self.verification_expiry_hours),
            sign_in_link=dt.timedelta(minutes=max(self.sign_in_link_expiry_minutes, SHORTEST_SIGN_IN_LINK_MINUTES)),
            password_reset=dt.timedelta(minutes=self.reset_code_expiry_minutes),
            staff_pin=dt.timedelta(minutes=self.staff_pin_expiry_minutes),
            staff_reset_link=min(dt.timedelta(hours=self.staff_reset_link_default_hours), LONGEST_STAFF_RESET_LINK),
            email_change=dt.timedelta(hours=self.verification_expiry_hours),
        )


SHORTEST_SIGN_IN_LINK_MINUTES = 10
LONGEST_STAFF_RESET_LINK = dt.timedelta(days=7)


@dataclasses.dataclass(frozen=True)
class SecretLifetimes:
    email_verification: dt.timedelta
    sign_in_link: dt.timedelta
    password_reset: dt.timedelta
    staff_pin: dt.timedelta
    staff_reset_link: dt.timedelta
    email_change: dt.timedelta


@dataclasses.dataclass
class ClientEmail:
    address: str
    is_default: bool = False


@dataclasses.dataclass
class ClientProfile:
    id: str
    practice_id: str
    first_name: str
    last_name: str
    created_at: dt.datetime
    date_of_birth: dt.date | None = None
    phone: str | None = None
    emails: list[ClientEmail] = dataclasses.field(default_factory=list)

    @classmethod
    def create(
        cls,
        practice_id: str,
        first_name: str,
        last_name: str,
        emails: list[str],
        now: dt.datetime,
        date_of_birth: dt.date | None = None,
        phone: str | None = None,
    ) -> ClientProfile:
        """A new client; the first address is the default one."""
        addresses = [address.strip().lower() for address in emails]
        if len(set(addresses)) != len(addresses):
            raise ClientDetailsInvalid("other_emails", "Give each email address once.")
        if date_of_birth is not None and date_of_birth > now.date():
            raise ClientDetailsInvalid("date_of_birth", "A date of birth cannot be in the future.")
        return cls(
            new_id(),
            practice_id,
            first_name.strip(),
            last_name.strip(),
            now,
            date_of_birth,
            phone or None,
            [ClientEmail(address, is_default=index == 0) for index, address in enumerate(addresses)],
        )

    @property
    def default_email(self) -> str:
        return next(email.address for email in self.emails if email.is_default)

    @property
    def addresses(self) -> list[str]:
        return [email.address for email in self.emails]

    @property
    def initials(self) -> str:
        return f"{self.first_name[:1]}{self.last_name[:1]}".upper()

    def add_email(self, address: str) -> ClientEmail:
        """Another address (not the default); the caller checks no other client of the practice has it."""
        address = normal_address(address)
        if address in self.addresses:
            raise ClientDetailsInvalid("address", "This client already has this address.")
        if len(self.emails) >= MOST_EMAILS:
            raise ClientDetailsInvalid("address", f"A client has at most {MOST_EMAILS} addresses.")
        email = ClientEmail(address, is_default=False)
        self.emails.append(email)
        return email

    def remove_email(self, address: str) -> None:
        """Any address but the default (choose another default first)."""
        email = self._email(address)
        if email.is_default:
            raise EmailInUse(
                "email-is-default", "This is the default address.", "Make another address the default first."
            )
        self.emails.remove(email)

    def make_default(self, address: str) -> None:
        chosen = self._email(address)
        for email in self.emails:
            email.is_default = email is chosen

    def _email(self, address: str) -> ClientEmail:
        address = normal_address(address)
        found = next((email for email in self.emails if email.address == address), None)
        if found is None:
            raise EmailNotFound(address)
        return found


MOST_EMAILS = 10


def normal_address(address: str) -> str:
    return address.strip().lower()


class EmailNotFound(LookupError):
    """The client has no such address."""


class EmailInUse(Exception):
    """The address cannot be removed now: `code`, `title` and `detail` say why."""

    def __init__(self, code: str, title: str, detail: str) -> None:
        super().__init__(code)
        self.code, self.title, self.detail = code, title, detail


@dataclasses.dataclass
class Agreement:
    account_id: str
    kind: str
    version: str
    accepted_at: dt.datetime


@dataclasses.dataclass
class Account:
    id: str
    practice_id: str
    email: str
    password_hash: str
    role: str
    created_at: dt.datetime
    profile_id: str | None = None
    status: str = ACTIVE
    invitation_id: str | None = None
    last_sign_in_at: dt.datetime | None = None
    email_verified_at: dt.datetime | None = None
    failed_sign_ins: int = 0
    last_failed_sign_in_at: dt.datetime | None = None

    @classmethod
    def open(
        cls,
        practice_id: str,
        email: str,
        password_hash: str,
        role: str,
        now: dt.datetime,
        profile_id: str | None = None,
        invitation_id: str | None = None,
    ) -> Account:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        email = email.strip().lower()
        return cls(new_id(), practice_id, email, password_hash, role, now, profile_id, invitation_id=invitation_id)

    @property
    def is_active(self) -> bool:
        return self.status == ACTIVE

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    def signed_in(self, now: dt.datetime) -> None:
        self.last_sign_in_at = now
        self.failed_sign_ins = 0

    def sign_in_failed(self, now: dt.datetime) -> None:
        self.failed_sign_ins += 1
        self.last_failed_sign_in_at = now

    def verify_email(self, now: dt.datetime) -> bool:
        """True when this verified the address now (it was not before)."""
        if self.email_verified_at is not None:
            return False
        self.email_verified_at = now
        return True

    def change_password(self, password_hash: str) -> None:
        self.password_hash = password_hash
        self.failed_sign_ins = 0

    def change_email(self, address: str, now: dt.datetime) -> None:
        """The address this account signs in with; the link that proved it came to that address."""
        self.email = normal_address(address)
        self.email_verified_at = self.email_verified_at or now

    def disable(self) -> bool:
        changed = self.status != DISABLED
        self.status = DISABLED
        return changed

    def enable(self) -> bool:
        changed = self.status != ACTIVE
        self.status = ACTIVE
        return changed


@dataclasses.dataclass
class SignInEvent:
    """One attempt to sign in or to refresh a session; rows are only ever added."""

    email: str
    result: str
    method: str
    at: dt.datetime
    practice_id: str | None = None
    account_id: str | None = None
    ip: str | None = None
    user_agent: str | None = None


@dataclasses.dataclass
class AccountEvent:
    """Something done to an account: a secret issued or used, a password changed, a staff action.
    Rows are only ever added; `actor_id` is the staff account when staff did it."""

    practice_id: str
    account_id: str
    action: str
    at: dt.datetime
    purpose: str | None = None
    actor_id: str | None = None
    ip: str | None = None
    user_agent: str | None = None
