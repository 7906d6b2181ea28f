"""The gateway's settings, read from the environment once (see portalkit.settings)."""

from __future__ import annotations

import dataclasses

from portalkit.settings import BaseSettings


@dataclasses.dataclass(frozen=True)
class GatewaySettings(BaseSettings):
    service_name: str = "gateway"
    identity_url: str = "http://127.0.0.1:8081"
    invitations_url: str = "http://127.0.0.1:8082"
    messaging_url: str = "http://127.0.0.1:8083"
    forms_url: str = "http://127.0.0.1:8084"
    scheduling_url: str = "http://127.0.0.1:8086"
    billing_url: str = "http://127.0.0.1:8085"
    # Seconds the gateway waits for a service's answer before it answers 504.
    upstream_timeout: float = 10.0
    # How long a practice's features are kept before identity is asked again: a practice's change
    # takes effect at the gateway within this many seconds.
    feature_cache_seconds: float = 10.0
    # Browsers accept Secure cookies on http://127.0.0.1 and localhost; turn off only for other plain-HTTP hosts.
    cookie_secure: bool = True
    # The gateway faces browsers directly in dev; behind an Ingress set TRUSTED_PROXY_HOPS=1.
    trusted_proxy_hops: int = 0

    def upstream_urls(self) -> dict[str, str]:
        return {
            "identity": self.identity_url,
            "invitations": self.invitations_url,
            "messaging": self.messaging_url,
            "forms": self.forms_url,
            "scheduling": self.scheduling_url,
            "billing": self.billing_url,
        }
