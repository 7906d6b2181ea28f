"""Use cases of the forms service: one function per command, each in a unit of work."""
