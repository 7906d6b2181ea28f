"""The invitations service of the client portal."""
