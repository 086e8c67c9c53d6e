"""The units wing's route handlers, for app.py."""

from __future__ import annotations

from event.units.admin_pages import AdminUnitPages
from event.units.pages import UnitContactPages, UnitPublicPages

ROUTES = [UnitPublicPages, UnitContactPages, AdminUnitPages]
