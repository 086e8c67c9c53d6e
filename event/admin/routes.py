"""The admin wing's route handlers, for app.py."""

from __future__ import annotations

from event.admin.auth import AuthPages
from event.admin.pages import AdminApi, AdminPages
from event.admin.registration_pages import RegistrationDesk, WalkIn

ROUTES = [AdminApi, AuthPages, AdminPages, RegistrationDesk, WalkIn]
