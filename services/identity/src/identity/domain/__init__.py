"""Identity's rules: practices, accounts, client profiles, sessions and the password policy."""
