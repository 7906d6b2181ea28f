"""Identity's tables, and the mapping of the domain's classes onto them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from portalkit.inbox import define_inbox_table
from portalkit.outbox import define_outbox_table
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import registry, relationship

from identity.domain import model, sessions, two_factor
from identity.domain import profile_links as links_model
from identity.domain import sent_secrets as secrets_model


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in and out; SQLite would otherwise hand back naive ones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return value.astimezone(dt.UTC) if value is not None else None

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


metadata = MetaData()
define_outbox_table(metadata)
define_inbox_table(metadata)

practices = Table(
    "practices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("invitation_expiry_hours", Integer, nullable=False),
    Column("verification_expiry_hours", Integer, nullable=False, server_default="24"),
    Column("sign_in_link_expiry_minutes", Integer, nullable=False, server_default="1440"),
    Column("reset_code_expiry_minutes", Integer, nullable=False, server_default="15"),
    Column("staff_pin_expiry_minutes", Integer, nullable=False, server_default="15"),
    Column("staff_reset_link_default_hours", Integer, nullable=False, server_default="48"),
    Column("require_staff_two_factor", Boolean, nullable=False, server_default=false()),
    Column("invitation_reminder_hours", Integer, nullable=False, server_default="24"),
    Column("session_idle_minutes", Integer, nullable=True),
    Column("contact_phone", String(30), nullable=True),
    Column("time_zone", String(64), nullable=False, server_default="America/New_York"),
    Column("logo_version", String(64), nullable=True),
    Column("logo_content_type", String(40), nullable=True),
    Column("portal_features", JSON, nullable=True),
)

client_profiles = Table(
    "client_profiles",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), ForeignKey("practices.id"), nullable=False, index=True),
    Column("first_name", String(100), nullable=False),
    Column("last_name", String(100), nullable=False),
    Column("date_of_birth", Date, nullable=True),
    Column("phone", String(30), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
)

client_emails = Table(
    "client_emails",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("practice_id", String(36), nullable=False),
    Column("profile_id", String(36), ForeignKey("client_profiles.id"), nullable=False, index=True),
    Column("address", String(320), nullable=False),
    Column("is_default", Boolean, nullable=False),
    UniqueConstraint("practice_id", "address", name="uq_client_emails_practice_address"),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), ForeignKey("practices.id"), nullable=False),
    Column("email", String(320), nullable=False, index=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(20), nullable=False),
    Column("profile_id", String(36), ForeignKey("client_profiles.id"), nullable=True, index=True),
    Column("status", String(20), nullable=False),
    Column("invitation_id", String(36), nullable=True, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_sign_in_at", UtcDateTime, nullable=True),
    Column("email_verified_at", UtcDateTime, nullable=True),
    Column("failed_sign_ins", Integer, nullable=False, server_default="0"),
    Column("last_failed_sign_in_at", UtcDateTime, nullable=True),
    UniqueConstraint("practice_id", "email", name="uq_accounts_practice_email"),
)

agreements = Table(
    "agreements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", String(36), ForeignKey("accounts.id"), nullable=False, index=True),
    Column("kind", String(30), nullable=False),
    Column("version", String(50), nullable=False),
    Column("accepted_at", UtcDateTime, nullable=False),
)

session_families = Table(
    "sessions",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("account_id", String(36), ForeignKey("accounts.id"), nullable=False, index=True),
    Column("practice_id", String(36), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_used_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime, nullable=True),
    Column("ip", String(64), nullable=True),
    Column("user_agent", String(300), nullable=True),
    Column("profile_id", String(36), nullable=True),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("session_id", String(36), ForeignKey("sessions.id"), nullable=False, index=True),
    Column("issued_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
)

sign_in_events = Table(
    "sign_in_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("practice_id", String(36), nullable=True),
    Column("account_id", String(36), nullable=True),
    Column("email", String(320), nullable=False),
    Column("result", String(30), nullable=False),
    Column("method", String(20), nullable=False),
    Column("ip", String(64), nullable=True),
    Column("user_agent", String(300), nullable=True),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_sign_in_events_account_at", "account_id", "at"),
    Index("ix_sign_in_events_practice_at", "practice_id", "at"),
    Index("ix_sign_in_events_ip_at", "ip", "at"),
)

sent_secrets = Table(
    "sent_secrets",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), nullable=False),
    Column("account_id", String(36), ForeignKey("accounts.id"), nullable=False),
    Column("purpose", String(30), nullable=False),
    Column("token_hash", String(64), nullable=True, unique=True),
    Column("code_hash", String(64), nullable=True),
    Column("issued_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("issued_by", String(36), nullable=True),
    Column("failed_attempts", Integer, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
    Column("superseded_at", UtcDateTime, nullable=True),
    Column("new_email", String(320), nullable=True),
    Index("ix_sent_secrets_account_purpose", "account_id", "purpose", "issued_at"),
)

account_events = Table(
    "account_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("practice_id", String(36), nullable=False),
    Column("account_id", String(36), nullable=False),
    Column("action", String(40), nullable=False),
    Column("purpose", String(30), nullable=True),
    Column("actor_id", String(36), nullable=True),
    Column("ip", String(64), nullable=True),
    Column("user_agent", String(300), nullable=True),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_account_events_account_at", "account_id", "at"),
)

two_factors = Table(
    "two_factors",
    metadata,
    Column("account_id", String(36), ForeignKey("accounts.id"), primary_key=True),
    Column("practice_id", String(36), nullable=False),
    # Sealed (portalkit.sealed) with SEALED_PAYLOAD_KEY: a copied table gives nobody the codes.
    Column("totp_secret", Text, nullable=True),
    Column("totp_pending_secret", Text, nullable=True),
    Column("totp_confirmed_at", UtcDateTime, nullable=True),
    Column("totp_last_step", BigInteger, nullable=True),
    Column("phone", String(20), nullable=True),
    Column("phone_pending", String(20), nullable=True),
    Column("phone_confirmed_at", UtcDateTime, nullable=True),
)

recovery_codes = Table(
    "recovery_codes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", String(36), ForeignKey("accounts.id"), nullable=False, index=True),
    Column("practice_id", String(36), nullable=False),
    Column("code_hash", String(64), nullable=False),
    Column("issued_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
)

mfa_challenges = Table(
    "mfa_challenges",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("account_id", String(36), ForeignKey("accounts.id"), nullable=False, index=True),
    Column("practice_id", String(36), nullable=False),
    Column("started_by", String(20), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("failed_attempts", Integer, nullable=False),
    Column("texts_sent", Integer, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
)

profile_links = Table(
    "profile_links",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), nullable=False),
    Column("account_id", String(36), ForeignKey("accounts.id"), nullable=False, index=True),
    Column("profile_id", String(36), ForeignKey("client_profiles.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("ends_on", Date, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(36), nullable=True),
    UniqueConstraint("account_id", "profile_id", name="uq_profile_links_account_profile"),
)

signing_keys = Table(
    "signing_keys",
    metadata,
    Column("kid", String(64), primary_key=True),
    Column("private_jwk", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

mapper_registry = registry(metadata=metadata)
_mapped = False


def start_mappers() -> None:
    """Map the domain classes once per process; the domain itself never imports SQLAlchemy."""
    global _mapped
    if _mapped:
        return
    mapper_registry.map_imperatively(model.Practice, practices)
    mapper_registry.map_imperatively(model.ClientEmail, client_emails)
    mapper_registry.map_imperatively(
        model.ClientProfile,
        client_profiles,
        properties={
            "emails": relationship(
                model.ClientEmail, order_by=client_emails.c.id, lazy="selectin", cascade="all, delete-orphan"
            )
        },
    )
    mapper_registry.map_imperatively(model.Account, accounts)
    mapper_registry.map_imperatively(model.Agreement, agreements)
    mapper_registry.map_imperatively(model.SignInEvent, sign_in_events)
    mapper_registry.map_imperatively(model.AccountEvent, account_events)
    mapper_registry.map_imperatively(secrets_model.SentSecret, sent_secrets)
    mapper_registry.map_imperatively(sessions.Session, session_families)
    mapper_registry.map_imperatively(sessions.RefreshToken, refresh_tokens)
    mapper_registry.map_imperatively(two_factor.TwoFactor, two_factors)
    mapper_registry.map_imperatively(two_factor.RecoveryCode, recovery_codes)
    mapper_registry.map_imperatively(two_factor.MfaChallenge, mfa_challenges)
    mapper_registry.map_imperatively(links_model.ProfileLink, profile_links)
    _mapped = True
