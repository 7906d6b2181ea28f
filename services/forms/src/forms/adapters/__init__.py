"""Storage and outbound adapters of the forms service."""
