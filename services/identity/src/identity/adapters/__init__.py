"""Storage, password hashing and token signing: the edges of the identity service."""
