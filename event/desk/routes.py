"""The desk wing's route handlers, for app.py."""

from __future__ import annotations

from event.desk.pages import BadgeAdminPages, DeskPages

ROUTES = [DeskPages, BadgeAdminPages]
