"""Use cases: queue an email, send the ones that are due, show the dev mailbox."""
