"""Storage and outbound clients of the invitations service."""
