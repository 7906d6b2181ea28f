"""The consent documents every practice starts with, written for this project. A practice copies one
into its library to put its own name, fees and policies in it."""

from __future__ import annotations

from forms.domain.templates import TemplateContent, TemplateKind

INFORMED_CONSENT = """\
What therapy is
Therapy is a working relationship between you and your therapist. Together you look at what brings you
here, set goals, and try out ways of thinking, feeling and acting that may help. Progress usually takes
several sessions and sometimes feels uncomfortable before it feels better. There is no guarantee of a
particular result.

Your rights
You may ask questions about your care at any time, decline or stop any part of it, ask for a referral to
another professional, and end therapy whenever you choose. You may see and ask to correct your record as
the law allows.

Confidentiality and its limits
What you say in therapy stays between you and the practice. The practice shares information only with
your written permission, except where the law requires or allows it: when there is a serious risk that you
may harm yourself or someone else, when a child, an elder or a dependent adult may be at risk of abuse or
neglect, when a court orders it, and for payment and the practice's operations as described in the
privacy notice.

Emergencies
The practice does not offer emergency services. In an emergency call your local emergency number. In the
United States you can call or text 988 (Suicide and Crisis Lifeline) at any time.

Electronic communication and telehealth
Sessions by video and messages through the client portal are protected, but no technology is entirely
risk-free. Use a private place and your own device for sessions and messages.

By signing you confirm that you have read this document, had the chance to ask questions, and agree to
take part in therapy with the practice.
"""

PRACTICE_POLICIES = """\
Appointments and cancellations
Your appointment time is reserved for you. Please give at least 24 hours' notice if you need to cancel or
reschedule, through the portal, by phone or by message. A session cancelled with less notice, or missed
without notice, may be charged at the practice's late-cancellation fee, unless the practice agrees that
something beyond your control prevented you from coming. Arriving late shortens the session; it still ends
at the scheduled time.

Payment
Fees are due at the time of service unless you and the practice have agreed otherwise. You remain
responsible for amounts your insurance does not pay.

How to reach the practice
Use the portal's secure messages or call the office for scheduling, billing and short questions. Messages
are read during office hours, usually within one business day; they are not monitored in the evening, at
weekends or on holidays. Please do not use messages or email for urgent matters or to discuss a crisis.
Email and text messages from the practice carry no clinical information; details are in the portal.

Urgent situations
If you are in crisis, call your local emergency number or go to the nearest emergency room. In the United
States you can call or text 988 at any time.

By signing you confirm that you have read and agree to these policies.
"""

PRIVACY_ACKNOWLEDGEMENT = """\
Notice of privacy practices
The practice keeps a record of your care and protects it as the law requires. Its notice of privacy
practices describes how your health information may be used and disclosed, your rights to see, copy and
ask to correct it, to ask for limits on its use, to receive confidential communications, to receive an
account of certain disclosures, and how to complain if you believe your privacy has been violated.

You may ask the practice for a paper copy of the notice at any time; it is also available in the portal.

By signing you acknowledge that you have received, or have been offered, the practice's notice of privacy
practices.
"""

INFORMED_CONSENT_TEMPLATE = TemplateContent(
    "Informed consent for therapy", TemplateKind.CONSENT, document=INFORMED_CONSENT
)
PRACTICE_POLICIES_TEMPLATE = TemplateContent(
    "Practice policies: cancellation and communication", TemplateKind.CONSENT, document=PRACTICE_POLICIES
)
PRIVACY_ACKNOWLEDGEMENT_TEMPLATE = TemplateContent(
    "Acknowledgement of the notice of privacy practices", TemplateKind.CONSENT, document=PRIVACY_ACKNOWLEDGEMENT
)
