"""The demo street and the deterministic generators behind it and behind the city benchmark."""
