"""The judging wing's route handlers, for app.py."""

from __future__ import annotations

from event.judging.admin_pages import JudgeAdminPages
from event.judging.closing import RoomDayClose
from event.judging.desk_pages import RoomDeskList, RoomDeskPages
from event.judging.judge_pages import JudgePages
from event.judging.results_pages import ResultPages
from event.judging.rubric_pages import RubricPages

ROUTES = [JudgeAdminPages, RoomDeskList, RoomDayClose, RoomDeskPages, JudgePages, ResultPages,
          RubricPages]  # fmt: skip
