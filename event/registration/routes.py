"""The registration wing's route handlers, for app.py."""

from __future__ import annotations

from event.registration.api import RegistrationApi
from event.registration.pages import PublicPages
from event.registration.unit_pages import UnitPages

ROUTES = [RegistrationApi, PublicPages, UnitPages]
