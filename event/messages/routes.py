"""The messages wing's route handlers, for app.py (importing it subscribes the wing to the
domain events that send messages)."""

from __future__ import annotations

from event.messages import subscribe
from event.messages.pages import OutboxPages, PreferencePages, RecoverPages

subscribe()

ROUTES = [RecoverPages, PreferencePages, OutboxPages]
