"""The gateway service of the client portal."""
