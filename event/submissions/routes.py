"""The submissions wing's route handlers, for app.py."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from event.submissions.admin_pages import AdminSubmissions
from event.submissions.api import submissions_router
from event.submissions.pages import SubmissionPages

ROUTES: list[ControllerRouterHandler] = [submissions_router, AdminSubmissions, SubmissionPages]
