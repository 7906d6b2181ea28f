"""Identity's internal API (docs/contracts.md), over the internal network: portalkit's reader, with
clients' contacts and the staff who see clients as scheduling wants them."""

from __future__ import annotations

from portalkit.errors import Problem
from portalkit.identity import IdentityReader, default_email, practice_name

from scheduling.service.identity import ClientContact, StaffMember

SEEING_CLIENTS = ("owner", "admin", "clinician")


class IdentityClient(IdentityReader):
    def contact(self, practice_id: str, client_id: str) -> ClientContact | None:
        record = self.client_record(practice_id, client_id)
        if record is None:
            return None
        first_name = str(record.get("first_name") or "")
        return ClientContact(first_name, default_email(record), record.get("phone") or None, practice_name(record))

    def reaches(self, practice_id: str, client_id: str, account_id: str) -> bool:
        try:
            links = self.profile_links(practice_id, client_id)
        except Problem as error:
            if error.status == 404:
                return False  # the profile is gone
            raise
        return any(
            link.get("account_id") == account_id and link.get("active") and link.get("account_status") != "disabled"
            for link in links
        )

    def staff(self, practice_id: str) -> list[StaffMember]:
        return [
            StaffMember(str(i["account_id"]), str(i.get("email") or ""), str(i["role"]))
            for i in self.staff_members(practice_id, SEEING_CLIENTS)
        ]
