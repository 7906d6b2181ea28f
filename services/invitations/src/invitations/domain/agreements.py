"""The agreements a client accepts when creating a portal account."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Agreement:
    kind: str
    version: str
    title: str
    url: str

    @property
    def acceptance_field(self) -> str:
        """The field of the create-account form that says the client accepts it."""
        return f"accept_{self.kind}"


def portal_agreements(
    terms_version: str, privacy_version: str, electronic_notices_version: str
) -> tuple[Agreement, ...]:
    return (
        Agreement("terms", terms_version, "Terms of Use", "/legal/terms"),
        Agreement("privacy", privacy_version, "Privacy Policy", "/legal/privacy"),
        Agreement(
            "electronic_notices",
            electronic_notices_version,
            "Consent to Electronic Notices",
            "/legal/electronic-notices",
        ),
    )
