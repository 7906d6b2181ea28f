"""portalkit: the shared backbone of the client-portal services."""
