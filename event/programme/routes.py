"""The programme wing's route handlers, for app.py."""

from __future__ import annotations

from event.programme.pages import ProgrammeFeeds, ProgrammePages
from event.programme.publication_pages import PublicationPages
from event.programme.schedule_pages import ScheduleApi, SchedulePages
from event.programme.venue_pages import PresentationPages, VenuePages

ROUTES = [
    ScheduleApi,
    SchedulePages,
    VenuePages,
    PresentationPages,
    ProgrammePages,
    ProgrammeFeeds,
    PublicationPages,
]
