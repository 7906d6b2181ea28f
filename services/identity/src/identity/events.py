"""Events identity publishes (schemas in portalkit.event_schemas); it consumes none yet.

- identity.client.created {client_id}: staff added a client profile (service/clients.py).
- identity.account.created {account_id, role, client_id, invitation_id}: a portal account was opened
  when an invitation was accepted (service/accounts.py).
"""

from __future__ import annotations

CLIENT_CREATED = "identity.client.created"
ACCOUNT_CREATED = "identity.account.created"
PUBLISHED = (CLIENT_CREATED, ACCOUNT_CREATED)
