"""The messages wing's route handlers, for app.py (importing it subscribes the wing to the
domain events that send messages)."""

from __future__ import annotations

from event.messages import events as _events  # noqa: F401  (registers the subscribers)
from event.messages import notices as _notices  # noqa: F401
from event.messages.pages import OutboxPages, PreferencePages, RecoverPages

ROUTES = [RecoverPages, PreferencePages, OutboxPages]
