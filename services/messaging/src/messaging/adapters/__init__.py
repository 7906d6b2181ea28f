"""Storage and the outbound mail adapters."""
