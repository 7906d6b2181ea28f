"""The messaging service of the client portal."""
