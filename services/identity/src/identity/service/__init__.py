"""Identity's use cases: one function per command, each in a unit of work, each returning data."""
