"""The demo street and the deterministic generators behind it and behind the city benchmark."""

from desktop_app.services.demo.street import STREET, create_demo, demo_scope

__all__ = ["STREET", "create_demo", "demo_scope"]
