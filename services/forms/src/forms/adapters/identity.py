"""Identity's internal API (docs/contracts.md), over the internal network: portalkit's reader, with
client records and profile links as forms wants them."""

from __future__ import annotations

from portalkit.identity import IdentityReader, default_email, full_name, practice_name

from forms.service.identity import ClientRecord, ProfileLink


class IdentityClient(IdentityReader):
    def client(self, practice_id: str, client_id: str) -> ClientRecord | None:
        record = self.client_record(practice_id, client_id)
        if record is None:
            return None
        return ClientRecord(
            str(record["id"]),
            full_name(record),
            practice_name(record),
            first_name=str(record.get("first_name") or ""),
            default_email=default_email(record),
        )

    def links(self, practice_id: str, client_id: str) -> list[ProfileLink]:
        return [
            ProfileLink(str(i["account_id"]), str(i["kind"]), bool(i.get("active")))
            for i in self.profile_links(practice_id, client_id)
        ]
