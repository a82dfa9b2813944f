"""Use cases: one function per thing a user does, in one transaction, returning what changed."""
