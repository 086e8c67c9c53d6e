"""The notice's vocabulary is written once: everything that shows a category, a kind, an
attachment or a badge layout takes it from event.notice."""

from __future__ import annotations

import subprocess
import sys

from event import notice
from event.enums import SHORT_CATEGORY_LABELS, AttendeeCategory, PresentationKind, SubmissionKind
from event.printing import palette
from event.submissions.attachments.specs import ATTACHMENTS
from scheduling.model import KINDS
from tests.conftest import ROOT


def test_scheduling_kinds_equal_the_notices_presentation_kinds() -> None:
    assert tuple(k.code for k in notice.PRESENTATION_KINDS) == KINDS


def test_enums_are_the_notices_records() -> None:
    assert [c.value for c in AttendeeCategory] == [c.code for c in notice.CATEGORIES]
    assert [k.value for k in PresentationKind] == [k.code for k in notice.PRESENTATION_KINDS]
    assert [k.value for k in SubmissionKind] == [k.code for k in notice.SUBMISSION_KINDS]


def test_association_has_one_short_name_everywhere() -> None:
    association = AttendeeCategory("association")
    assert association.label == "各地行业质协领导及主管人员"
    assert SHORT_CATEGORY_LABELS[association] == "行业质协代表"
    assert palette({}).style("association").label == "行业质协代表"


def test_attachments_are_numbered_and_titled_by_the_notice() -> None:
    assert [(a.number, a.title) for a in ATTACHMENTS.values()] == [
        (k.number, k.form_title) for k in notice.SUBMISSION_KINDS
    ]


NINTH = """
from event import notice
volunteer = notice.Category("volunteer", "志愿者", "志愿者", "志愿者", "#FF00AA")
notice.CATEGORIES = (*notice.CATEGORIES, volunteer)
notice.CATEGORY["volunteer"] = volunteer
layout = notice.BadgeLayout("a6", "A6 新版式")
notice.BADGE_LAYOUTS = (*notice.BADGE_LAYOUTS[1:], layout)
from event.enums import AttendeeCategory, SHORT_CATEGORY_LABELS
from event.printing import palette
from event.desk.pages import LAYOUT_LABELS
from event.registration.schemas import RegistrationCreate
import msgspec
body = msgspec.json.encode({"name": "王", "mobile": "13800138000", "organization": "某公司",
                            "category": "volunteer"})
made = msgspec.json.decode(body, type=RegistrationCreate)
print(made.category.label, SHORT_CATEGORY_LABELS[AttendeeCategory.volunteer],
      palette({}).style("volunteer").colour, LAYOUT_LABELS["a6"])
"""


def test_a_ninth_category_and_a_layout_are_one_record_each() -> None:
    """Adding a record to notice.py (here before anything else is imported) is all it takes
    for the registration schema, the labels, the badge palette and the layout choices."""
    out = subprocess.run(
        [sys.executable, "-c", NINTH], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["志愿者", "志愿者", "#FF00AA", "A6", "新版式"]
