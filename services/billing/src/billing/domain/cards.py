"""A card on file: what the processor answered when it was saved, never its number or CVC."""

from __future__ import annotations

import dataclasses
import datetime as dt


@dataclasses.dataclass
class Card:
    id: str
    practice_id: str
    client_id: str
    processor_token: str
    brand: str
    last4: str
    exp_month: int
    exp_year: int
    is_default: bool
    created_at: dt.datetime


@dataclasses.dataclass
class AutopayEnrollment:
    """The client's consent to charge `card_id` for each issued invoice, as they gave it."""

    id: str
    practice_id: str
    client_id: str
    card_id: str
    consent_version: str
    consent_text: str
    enrolled_by: str
    enrolled_at: dt.datetime
    ip_address: str


# The consent a client reads before enrolling; a new wording gets a new version (the text of each
# enrolment is recorded with it).
AUTOPAY_CONSENT_VERSION = "2026-12-01"
AUTOPAY_CONSENT_TEXT = (
    "I authorise my practice to charge the card I chose for the full amount of each invoice it issues "
    "to me, on the day it is issued or on the practice's later autopay day, until I turn autopay off in "
    "the portal. I can change the card or turn autopay off at any time; a charge already made is not "
    "undone by that. A declined charge is shown in the portal and I can pay it by hand."
)
