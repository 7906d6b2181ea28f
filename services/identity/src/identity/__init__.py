"""The identity service of the client portal."""
