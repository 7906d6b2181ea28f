"""A versioned schema for the data of every event type: the contract between producer and consumers.

Producers check strictly (no unknown fields); consumers read tolerantly (unknown fields are dropped,
and a newer version than they know is read with the newest schema they have).
"""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate


class EventSchemaError(ValueError):
    pass


class IdentityClientCreatedV1(Schema):
    client_id = fields.UUID(required=True)


class IdentityAccountCreatedV1(Schema):
    account_id = fields.UUID(required=True)
    role = fields.String(required=True)
    client_id = fields.UUID(required=True, allow_none=True)
    invitation_id = fields.UUID(required=True, allow_none=True)


class IdentityEmailVerificationRequestedV1(Schema):
    account_id = fields.UUID(required=True)
    expires_at = fields.AwareDateTime(required=True)
    # Sealed for the notifier: {to, recipient_name, practice_name, verify_url, expires_at}.
    delivery = fields.String(required=True)


class IdentityAccountConfirmationRequestedV1(Schema):
    """The address is verified (identity.account.verified follows): mail the confirmation."""

    account_id = fields.UUID(required=True)
    # Sealed for the notifier: {to, recipient_name, practice_name, username, sign_in_url}.
    delivery = fields.String(required=True)


class IdentitySignInLinkRequestedV1(Schema):
    account_id = fields.UUID(required=True)
    expires_at = fields.AwareDateTime(required=True)
    # Sealed for the notifier: {to, recipient_name, practice_name, sign_in_url, code, expires_at}.
    delivery = fields.String(required=True)


class IdentityPasswordResetRequestedV1(Schema):
    account_id = fields.UUID(required=True)
    expires_at = fields.AwareDateTime(required=True)
    method = fields.String(required=True)  # "code" (forgot password) or "link" (a staff reset link)
    # Sealed for the notifier: {to, recipient_name, practice_name, expires_at} and `code` or `reset_url`.
    delivery = fields.String(required=True)


class IdentitySmsCodeRequestedV1(Schema):
    """Text a short code: `purpose` is `enrolment` (confirming a phone for two-factor sign-in) or
    `sign_in` (a sign-in challenge). The text holds the code and the practice name, nothing else."""

    account_id = fields.UUID(required=True)
    purpose = fields.String(required=True, validate=validate.Regexp(r"^[a-z_]{1,20}$"))
    expires_at = fields.AwareDateTime(required=True)
    # Sealed for the notifier: {to (E.164 phone), code, expires_at, practice_name}.
    delivery = fields.String(required=True)


class IdentityPracticeSettingsChangedV1(Schema):
    """An owner or admin changed the practice's settings; consumers fetch the values they need."""

    changed = fields.List(fields.String(validate=validate.Length(min=1, max=60)), required=True)


class IdentityEmailChangeRequestedV1(Schema):
    """Mail the link confirming the address an account wants to sign in with instead."""

    account_id = fields.UUID(required=True)
    expires_at = fields.AwareDateTime(required=True)
    # Sealed for the notifier: {to (the new address), recipient_name, practice_name, confirm_url, expires_at}.
    delivery = fields.String(required=True)


class IdentityEmailChangeNoticeRequestedV1(Schema):
    """Tell the current sign-in address that a change to another one was asked for."""

    account_id = fields.UUID(required=True)
    # Sealed for the notifier: {to (the current address), recipient_name, practice_name, new_email_hint}.
    delivery = fields.String(required=True)


class IdentityProfileLinkRemovedV1(Schema):
    """Staff took an account's access to a client profile away (kind: self, partner or guardian)."""

    link_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    account_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.Length(min=1, max=20))
    actor_id = fields.String(required=True, allow_none=True)


class IdentityProfileLinkCreatedV1(IdentityProfileLinkRemovedV1):
    """Staff gave an account access to a client profile; a guardian's ends on `ends_on` (ISO date)."""

    ends_on = fields.String(required=True, allow_none=True, validate=validate.Length(max=10))


class InvitationSentV1(Schema):
    invitation_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    expires_at = fields.AwareDateTime(required=True)
    resend = fields.Boolean(required=True)
    # Sealed for the notifier (portalkit.sealed): {to, recipient_name, practice_name, accept_url}.
    delivery = fields.String(required=True)


class SmsSentV1(Schema):
    sms_id = fields.UUID(required=True)
    template = fields.String(required=True)
    cause_event_id = fields.UUID(required=True)
    attempts = fields.Integer(required=True)


class SmsFailedV1(SmsSentV1):
    reason = fields.String(required=True)


class InvitationAcceptedV1(Schema):
    invitation_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    account_id = fields.UUID(required=True)


class EmailSentV1(Schema):
    email_id = fields.UUID(required=True)
    template = fields.String(required=True)
    cause_event_id = fields.UUID(required=True)
    attempts = fields.Integer(required=True)


class EmailFailedV1(EmailSentV1):
    reason = fields.String(required=True)


class EmailBouncedV1(EmailFailedV1):
    """The provider reported an email it had taken as undeliverable (`hard`: for good, `soft`: for now) or
    unwanted (`complaint`). `reason` is short and `code` a mail server's status such as "5.1.1": never an
    address."""

    bounce_type = fields.String(required=True, validate=validate.OneOf(("hard", "soft", "complaint")))
    code = fields.String(required=True, allow_none=True, validate=validate.Length(max=40))


class IdentityAccountChangedV1(Schema):
    """identity.account.verified / .disabled / .enabled: whose account, and who did it (None: the person
    themself or the system)."""

    account_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True, allow_none=True)
    actor_id = fields.String(required=True, allow_none=True)


class IdentityAccountSignedInV1(Schema):
    """identity.account.signed_in: a successful sign-in, by any method (password, link, PIN)."""

    account_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True, allow_none=True)


class InvitationRemindedV1(Schema):
    invitation_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    expires_at = fields.AwareDateTime(required=True)
    # Sealed for the notifier, as in invitations.invitation.sent.
    delivery = fields.String(required=True)


class InvitationExpiredV1(Schema):
    invitation_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    expires_at = fields.AwareDateTime(required=True)


class InvitationRevokedV1(Schema):
    invitation_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    revoked_by = fields.String(required=True)


class TaskAssignedV1(Schema):
    """`<service>.task.assigned`: the practice gave a client something to do or to see (a form, a
    consent, an assessment, an invoice, a shared document, ...). One schema for every service; ids only.
    Known task kinds: TASK_KINDS; consumers must tolerate others."""

    client_id = fields.UUID(required=True)
    task_kind = fields.String(required=True, validate=validate.Regexp(r"^[a-z][a-z_]{0,39}$"))
    task_id = fields.String(required=True, validate=validate.Length(min=1, max=64))


TASK_KINDS = ("form", "consent", "assessment", "invoice", "statement", "document", "appointment", "upload")
# The services that assign tasks to clients, each publishing `<service>.task.assigned`.
TASK_ASSIGNED_TYPES = (
    "forms.task.assigned",
    "billing.task.assigned",
    "messaging.task.assigned",
    "scheduling.task.assigned",
)


class FormsAssignmentCreatedV1(Schema):
    """Staff gave a client a form, consent or assessment (`kind`); `packet_id` groups several given at
    once, `replaces_id` names the signed consent a new document version asks to renew. Ids only."""

    assignment_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    template_id = fields.UUID(required=True)
    template_version_id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.Regexp(r"^[a-z][a-z_]{0,39}$"))
    packet_id = fields.UUID(required=True, allow_none=True)
    replaces_id = fields.UUID(required=True, allow_none=True)


class FormsAssignmentSubmittedV1(Schema):
    """The client submitted a form or assessment, or signed a consent; no answers."""

    assignment_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.Regexp(r"^[a-z][a-z_]{0,39}$"))


class FormsAssignmentChangedV1(Schema):
    """forms.assignment.withdrawn, forms.assessment.risk_flagged and forms.assessment.risk_acknowledged:
    which assignment of which client. A risk flag says only that an assessment needs the clinician's
    attention; its acknowledgement, that a clinician reviewed it."""

    assignment_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)


class FormsAssessmentCompletedV1(FormsAssignmentChangedV1):
    """A PHQ-9 or GAD-7 was submitted and scored; the score stays in the forms service."""

    instrument = fields.String(required=True, validate=validate.Regexp(r"^[a-z][a-z0-9-]{0,19}$"))


class FormsConsentSignedV1(FormsAssignmentChangedV1):
    signature_id = fields.UUID(required=True)
    template_version_id = fields.UUID(required=True)


class FormsAssignmentReminderRequestedV1(Schema):
    """forms.assignment.reminder_requested: a pending assignment is due tomorrow; the notifier emails the
    client an invitation to the portal (no title, no clinical content)."""

    assignment_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    due_on = fields.Date(required=True)
    # Sealed for the notifier (portalkit.sealed): {to, recipient_name, practice_name, tasks_url, due_on}.
    delivery = fields.String(required=True)


class SchedulingAppointmentV1(Schema):
    """An appointment of a client with a clinician (a staff account); ids and times only, never its type.
    `scheduling.appointment.booked` (`series_id` names a weekly or fortnightly series)."""

    appointment_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    clinician_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)


class SchedulingAppointmentBookedV1(SchedulingAppointmentV1):
    series_id = fields.UUID(required=True, allow_none=True)


class SchedulingAppointmentRescheduledV1(SchedulingAppointmentV1):
    """Moved to another time, length or clinician (`clinician_id` is the one it is with now)."""

    previous_starts_at = fields.AwareDateTime(required=True)
    # Added later: events written before it have none.
    previous_clinician_id = fields.String(load_default=None, validate=validate.Length(min=1, max=64))


class SchedulingAppointmentCancelledV1(SchedulingAppointmentV1):
    cancelled_at = fields.AwareDateTime(required=True)


class SchedulingAppointmentLateCancelledV1(SchedulingAppointmentCancelledV1):
    """The client cancelled with less notice than the practice's policy asks (`notice_hours`): billing
    may add a late-cancellation fee."""

    notice_hours = fields.Integer(required=True)


class SchedulingAppointmentNoShowV1(SchedulingAppointmentV1):
    """Staff marked a started appointment as missed: billing may add a no-show fee."""

    marked_at = fields.AwareDateTime(required=True)


class SchedulingAppointmentReminderRequestedV1(Schema):
    """An appointment starts in about `lead_hours` (48 or 2): the notifier emails and / or texts the client
    the time and a link to the portal, nothing about what the appointment is for."""

    appointment_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    starts_at = fields.AwareDateTime(required=True)
    lead_hours = fields.Integer(required=True)
    # Sealed for the notifier (portalkit.sealed): {email, phone (either may be null), recipient_name,
    # practice_name, when (the start in the practice's words and zone), appointments_url}.
    delivery = fields.String(required=True)


class MessagingThreadStartedV1(Schema):
    """messaging.thread.started: a secure thread between a client and the practice; never its subject."""

    thread_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    clinician_id = fields.String(required=True, allow_none=True, validate=validate.Length(min=1, max=64))
    # "client" or "staff".
    started_by = fields.String(required=True, validate=validate.Length(min=1, max=10))


class MessagingMessageSentV1(Schema):
    """messaging.message.sent: ids only, never the text. `sender_side` client, staff or practice (an
    automatic reply); the notifier tells the other side that something waits in the portal."""

    message_id = fields.UUID(required=True)
    thread_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    sender_side = fields.String(required=True, validate=validate.Length(min=1, max=10))
    sender_id = fields.String(required=True, allow_none=True, validate=validate.Length(min=1, max=64))
    clinician_id = fields.String(required=True, allow_none=True, validate=validate.Length(min=1, max=64))
    assigned_to = fields.String(required=True, allow_none=True, validate=validate.Length(min=1, max=64))


class MessagingMessageRetractedV1(Schema):
    message_id = fields.UUID(required=True)
    thread_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    retracted_at = fields.AwareDateTime(required=True)


class MessagingThreadAssignedV1(Schema):
    thread_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    assigned_to = fields.String(required=True, allow_none=True, validate=validate.Length(min=1, max=64))
    actor_id = fields.String(required=True, validate=validate.Length(min=1, max=64))


class MessagingThreadArchivedV1(Schema):
    """Staff took the thread out of the inbox (`archived` true) or brought it back (false)."""

    thread_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    archived = fields.Boolean(required=True)
    actor_id = fields.String(required=True, validate=validate.Length(min=1, max=64))


class MessagingDocumentSharedV1(Schema):
    """messaging.document.shared: staff shared a document with a client; ids only, never its title or name.
    `needs_acknowledgement`: the client is asked to confirm having read it."""

    document_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    needs_acknowledgement = fields.Boolean(required=True)


class MessagingDocumentAcknowledgedV1(Schema):
    document_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    acknowledged_at = fields.AwareDateTime(required=True)


class MessagingUploadReceivedV1(Schema):
    """messaging.upload.received: a client uploaded a file ("My uploads"); ids only."""

    document_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)


class MessagingUploadReceivedV2(MessagingUploadReceivedV1):
    """v2: `request_id`, the upload request the file answers (null for a file the client sent unasked)."""

    request_id = fields.UUID(required=True, allow_none=True)


class MessagingUploadRequestedV1(Schema):
    """messaging.upload.requested: staff asked a client for a file; ids only, never what was asked."""

    request_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)


class MessagingMobileConfirmedV1(Schema):
    """messaging.mobile.confirmed: a client account typed back the code texted to its mobile number, which
    its notices may now go to by text. Never the number."""

    account_id = fields.UUID(required=True)
    confirmed_at = fields.AwareDateTime(required=True)


class MessagingUploadCancelledV1(Schema):
    """messaging.upload.cancelled: staff cancelled a request for a file (the client's task goes away);
    ids only, never what was asked."""

    request_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    cancelled_by = fields.UUID(required=True)


REQUEST_KINDS = ("reschedule", "cancel")


class SchedulingRequestCreatedV1(Schema):
    """scheduling.request.created: a client asked to reschedule or cancel an appointment (`kind`); the
    notifier tells the staff who answer requests. Ids only: the reason and the times proposed stay in
    scheduling."""

    request_id = fields.UUID(required=True)
    appointment_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    clinician_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    kind = fields.String(required=True, validate=validate.OneOf(REQUEST_KINDS))


class SchedulingRequestAnsweredV1(Schema):
    """scheduling.request.answered: staff approved or declined a client's request (`status`); the notifier
    tells the client to look in the portal. The staff member's message stays in scheduling."""

    request_id = fields.UUID(required=True)
    appointment_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(REQUEST_KINDS))
    status = fields.String(required=True, validate=validate.OneOf(("approved", "declined")))


CURRENCY = validate.Regexp(r"^[A-Z]{3}$")


class BillingInvoiceIssuedV1(Schema):
    """Staff issued an invoice to a client: what it asks in all (integer cents), never its lines."""

    invoice_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    total_cents = fields.Integer(required=True)
    currency = fields.String(required=True, validate=CURRENCY, metadata={"example": "USD"})
    issued_at = fields.AwareDateTime(required=True)


class BillingInvoicePaidV1(Schema):
    invoice_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    paid_at = fields.AwareDateTime(required=True)


class BillingPaymentSucceededV1(Schema):
    """A card was charged for an invoice (`autopay`: by the client's autopay); nothing about the card."""

    payment_id = fields.UUID(required=True)
    invoice_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    amount_cents = fields.Integer(required=True)
    currency = fields.String(required=True, validate=CURRENCY, metadata={"example": "USD"})
    autopay = fields.Boolean(required=True)


class BillingPaymentFailedV1(BillingPaymentSucceededV1):
    """The processor declined the charge (`decline_code`: card_declined, insufficient_funds, ...)."""

    decline_code = fields.String(required=True, validate=validate.Length(min=1, max=40))


class BillingPaymentRefundedV1(Schema):
    """Money was given back of a payment to its card (all or part of it); nothing about the card or why."""

    refund_id = fields.UUID(required=True)
    payment_id = fields.UUID(required=True)
    invoice_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    amount_cents = fields.Integer(required=True, validate=validate.Range(min=1))
    currency = fields.String(required=True, validate=CURRENCY, metadata={"example": "USD"})


class BillingAutopayV1(Schema):
    """billing.autopay.card_changed and .unenrolled: the client's autopay and the card it charges."""

    enrollment_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    card_id = fields.UUID(required=True)


class BillingAutopayEnrolledV1(BillingAutopayV1):
    """The client agreed to the autopay consent of `consent_version` (recorded with who, when and where)."""

    consent_version = fields.String(required=True, validate=validate.Length(min=1, max=20))


class BillingInsuranceUpdatedV1(Schema):
    """A client's insurance policy was added, changed (details or a card photo), verified by staff or
    removed: ids only, never the policy's details."""

    policy_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    rank = fields.String(required=True, validate=validate.OneOf(("primary", "secondary")))
    action = fields.String(required=True, validate=validate.OneOf(("added", "changed", "verified", "removed")))


class BillingEstimateV1(Schema):
    """billing.estimate.issued and .acknowledged: a Good Faith Estimate staff issued to a client (a
    revision is a new estimate of the same series) or the client acknowledged; ids only, never its
    services or fees."""

    estimate_id = fields.UUID(required=True)
    series_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)


SCHEMAS: dict[str, dict[int, type[Schema]]] = {
    "identity.client.created": {1: IdentityClientCreatedV1},
    "identity.account.created": {1: IdentityAccountCreatedV1},
    "identity.email_verification.requested": {1: IdentityEmailVerificationRequestedV1},
    "identity.account_confirmation.requested": {1: IdentityAccountConfirmationRequestedV1},
    "identity.sign_in_link.requested": {1: IdentitySignInLinkRequestedV1},
    "identity.password_reset.requested": {1: IdentityPasswordResetRequestedV1},
    "identity.sms_code.requested": {1: IdentitySmsCodeRequestedV1},
    "identity.practice.settings_changed": {1: IdentityPracticeSettingsChangedV1},
    "identity.email_change.requested": {1: IdentityEmailChangeRequestedV1},
    "identity.email_change_notice.requested": {1: IdentityEmailChangeNoticeRequestedV1},
    "identity.account.email_changed": {1: IdentityAccountChangedV1},
    "identity.profile_link.created": {1: IdentityProfileLinkCreatedV1},
    "identity.profile_link.removed": {1: IdentityProfileLinkRemovedV1},
    "invitations.invitation.sent": {1: InvitationSentV1},
    "invitations.invitation.accepted": {1: InvitationAcceptedV1},
    "messaging.email.sent": {1: EmailSentV1},
    "messaging.email.failed": {1: EmailFailedV1},
    "messaging.email.bounced": {1: EmailBouncedV1},
    "messaging.sms.sent": {1: SmsSentV1},
    "messaging.sms.failed": {1: SmsFailedV1},
    "identity.account.verified": {1: IdentityAccountChangedV1},
    "identity.account.disabled": {1: IdentityAccountChangedV1},
    "identity.account.enabled": {1: IdentityAccountChangedV1},
    "identity.account.signed_in": {1: IdentityAccountSignedInV1},
    "invitations.invitation.reminded": {1: InvitationRemindedV1},
    "invitations.invitation.expired": {1: InvitationExpiredV1},
    "invitations.invitation.revoked": {1: InvitationRevokedV1},
    **{event_type: {1: TaskAssignedV1} for event_type in TASK_ASSIGNED_TYPES},
    "forms.assignment.created": {1: FormsAssignmentCreatedV1},
    "forms.assignment.submitted": {1: FormsAssignmentSubmittedV1},
    "forms.assignment.withdrawn": {1: FormsAssignmentChangedV1},
    "forms.assessment.completed": {1: FormsAssessmentCompletedV1},
    "forms.assessment.risk_flagged": {1: FormsAssignmentChangedV1},
    "forms.assessment.risk_acknowledged": {1: FormsAssignmentChangedV1},
    "forms.consent.signed": {1: FormsConsentSignedV1},
    "forms.assignment.reminder_requested": {1: FormsAssignmentReminderRequestedV1},
    "scheduling.appointment.booked": {1: SchedulingAppointmentBookedV1},
    "scheduling.appointment.rescheduled": {1: SchedulingAppointmentRescheduledV1},
    "scheduling.appointment.cancelled": {1: SchedulingAppointmentCancelledV1},
    "scheduling.appointment.late_cancelled": {1: SchedulingAppointmentLateCancelledV1},
    "scheduling.appointment.no_show": {1: SchedulingAppointmentNoShowV1},
    "scheduling.appointment.reminder_requested": {1: SchedulingAppointmentReminderRequestedV1},
    "messaging.thread.started": {1: MessagingThreadStartedV1},
    "messaging.message.sent": {1: MessagingMessageSentV1},
    "messaging.message.retracted": {1: MessagingMessageRetractedV1},
    "messaging.thread.assigned": {1: MessagingThreadAssignedV1},
    "messaging.thread.archived": {1: MessagingThreadArchivedV1},
    "messaging.document.shared": {1: MessagingDocumentSharedV1},
    "messaging.document.acknowledged": {1: MessagingDocumentAcknowledgedV1},
    "messaging.upload.received": {1: MessagingUploadReceivedV1, 2: MessagingUploadReceivedV2},
    "messaging.upload.requested": {1: MessagingUploadRequestedV1},
    "messaging.mobile.confirmed": {1: MessagingMobileConfirmedV1},
    "messaging.upload.cancelled": {1: MessagingUploadCancelledV1},
    "scheduling.request.created": {1: SchedulingRequestCreatedV1},
    "scheduling.request.answered": {1: SchedulingRequestAnsweredV1},
    "billing.invoice.issued": {1: BillingInvoiceIssuedV1},
    "billing.invoice.paid": {1: BillingInvoicePaidV1},
    "billing.payment.succeeded": {1: BillingPaymentSucceededV1},
    "billing.payment.failed": {1: BillingPaymentFailedV1},
    "billing.payment.refunded": {1: BillingPaymentRefundedV1},
    "billing.autopay.enrolled": {1: BillingAutopayEnrolledV1},
    "billing.autopay.card_changed": {1: BillingAutopayV1},
    "billing.autopay.unenrolled": {1: BillingAutopayV1},
    "billing.insurance.updated": {1: BillingInsuranceUpdatedV1},
    "billing.estimate.issued": {1: BillingEstimateV1},
    "billing.estimate.acknowledged": {1: BillingEstimateV1},
}


def check_produced(event_type: str, version: int, data: dict[str, Any]) -> None:
    """Raise unless `data` is exactly what the schema of this type and version allows."""
    versions = SCHEMAS.get(event_type)
    if not versions or version not in versions:
        raise EventSchemaError(f"no schema for {event_type} v{version}")
    errors = versions[version](unknown=RAISE).validate(data)
    if errors:
        raise EventSchemaError(f"{event_type} v{version}: {errors}")


def read_consumed(event_type: str, version: int, data: dict[str, Any]) -> dict[str, Any]:
    """The data as a consumer reads it; raises EventSchemaError if it can never be handled."""
    versions = SCHEMAS.get(event_type)
    if not versions:
        raise EventSchemaError(f"unknown event type {event_type}")
    known = max(v for v in versions if v <= version) if min(versions) <= version else None
    if known is None:
        raise EventSchemaError(f"{event_type} v{version} is older than any known version")
    schema = versions[known](unknown=EXCLUDE)
    try:
        schema.load(data)
    except ValidationError as error:
        raise EventSchemaError(f"{event_type} v{version}: {error.messages}") from error
    return {key: value for key, value in data.items() if key in schema.fields}
