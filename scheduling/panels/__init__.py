"""Judging panels per session: a pure CP-SAT module (ortools and the standard library only).

    from scheduling.panels import assign, validate, PanelConfig
    panels = assign(instance, PanelConfig(time_limit=10, seed=1))

Public API: model.py (Judge, Session, PanelRules, PanelPin, PanelInstance, Seat, Panels,
PanelStats, PanelConflict, PanelViolation, PanelConfig), solver.assign, validate.validate,
explain.explain, edit (add_judge, remove_judge, replace_judge, set_leader, check_change),
synthetic.generate (instances of the full demo's shape). ortools is imported on first solve.
"""

from scheduling.panels.edit import (
    PanelEdit,
    add_judge,
    check_change,
    remove_judge,
    replace_judge,
    set_leader,
)
from scheduling.panels.model import (
    Judge,
    PanelConfig,
    PanelConflict,
    PanelInstance,
    PanelPin,
    PanelRules,
    Panels,
    PanelStats,
    PanelViolation,
    Seat,
    Session,
)
from scheduling.panels.solver import assign
from scheduling.panels.validate import validate

__all__ = [
    "Judge",
    "PanelConfig",
    "PanelConflict",
    "PanelEdit",
    "PanelInstance",
    "PanelPin",
    "PanelRules",
    "PanelStats",
    "PanelViolation",
    "Panels",
    "Seat",
    "Session",
    "add_judge",
    "assign",
    "check_change",
    "remove_judge",
    "replace_judge",
    "set_leader",
    "validate",
]
