"""Events identity publishes (schemas in portalkit.event_schemas); it consumes none yet.

- identity.client.created {client_id}: staff added a client profile (service/clients.py).
- identity.account.created {account_id, role, client_id, invitation_id}: a portal account was opened
  when an invitation was accepted (service/accounts.py).
- identity.email_verification.requested {account_id, expires_at, delivery}: mail the verification
  link (service/verification.py); `delivery` is sealed for the notifier.
- identity.account.verified {account_id, client_id, actor_id: null}: the address is confirmed.
- identity.account_confirmation.requested {account_id, delivery}: mail the confirmation (username,
  portal address, an invitation to turn on two-step sign-in).
- identity.account.signed_in {account_id, client_id}: a successful sign-in by any method.
- identity.sign_in_link.requested {account_id, expires_at, delivery}: mail a sign-in link and code.
- identity.password_reset.requested {account_id, expires_at, method, delivery}: mail a reset code
  (`code`, forgot password) or a staff reset link (`link`).
- identity.account.disabled / identity.account.enabled {account_id, client_id, actor_id}: staff
  turned the account off or on again (service/account_access.py).
- identity.sms_code.requested {account_id, purpose, expires_at, delivery}: text a code (`purpose`
  `enrolment`: confirming a phone for two-factor sign-in; `sign_in`: a sign-in challenge);
  `delivery` is sealed for the notifier: {to, code, expires_at, practice_name}.
- identity.practice.settings_changed {changed: [setting names]}: an owner or admin changed the
  practice's settings (`logo`: uploaded or removed its logo); consumers fetch the values they need.
- identity.email_change.requested {account_id, expires_at, delivery}: mail the confirmation link to
  the address the person wants to sign in with (service/email_change.py); sealed `delivery`:
  {to, recipient_name, practice_name, confirm_url, expires_at}.
- identity.email_change_notice.requested {account_id, delivery}: tell the current address that a
  change was asked for; sealed `delivery`: {to, recipient_name, practice_name, new_email_hint}.
- identity.account.email_changed {account_id, client_id, actor_id: null}: the account now signs in
  with the new address (no address in the event).
- identity.profile_link.created {link_id, account_id, client_id, kind, ends_on, actor_id} and
  identity.profile_link.removed {link_id, account_id, client_id, kind, actor_id}: staff gave an
  account access to a client profile, or took it away (service/profile_links.py).
"""

from __future__ import annotations

CLIENT_CREATED = "identity.client.created"
ACCOUNT_CREATED = "identity.account.created"
EMAIL_VERIFICATION_REQUESTED = "identity.email_verification.requested"
ACCOUNT_VERIFIED = "identity.account.verified"
ACCOUNT_CONFIRMATION_REQUESTED = "identity.account_confirmation.requested"
ACCOUNT_SIGNED_IN = "identity.account.signed_in"
SIGN_IN_LINK_REQUESTED = "identity.sign_in_link.requested"
PASSWORD_RESET_REQUESTED = "identity.password_reset.requested"
ACCOUNT_DISABLED = "identity.account.disabled"
ACCOUNT_ENABLED = "identity.account.enabled"
SMS_CODE_REQUESTED = "identity.sms_code.requested"
PRACTICE_SETTINGS_CHANGED = "identity.practice.settings_changed"
EMAIL_CHANGE_REQUESTED = "identity.email_change.requested"
EMAIL_CHANGE_NOTICE_REQUESTED = "identity.email_change_notice.requested"
ACCOUNT_EMAIL_CHANGED = "identity.account.email_changed"
PROFILE_LINK_CREATED = "identity.profile_link.created"
PROFILE_LINK_REMOVED = "identity.profile_link.removed"
PUBLISHED = (
    CLIENT_CREATED,
    ACCOUNT_CREATED,
    EMAIL_VERIFICATION_REQUESTED,
    ACCOUNT_VERIFIED,
    ACCOUNT_CONFIRMATION_REQUESTED,
    ACCOUNT_SIGNED_IN,
    SIGN_IN_LINK_REQUESTED,
    PASSWORD_RESET_REQUESTED,
    ACCOUNT_DISABLED,
    ACCOUNT_ENABLED,
    SMS_CODE_REQUESTED,
    PRACTICE_SETTINGS_CHANGED,
    EMAIL_CHANGE_REQUESTED,
    EMAIL_CHANGE_NOTICE_REQUESTED,
    ACCOUNT_EMAIL_CHANGED,
    PROFILE_LINK_CREATED,
    PROFILE_LINK_REMOVED,
)
