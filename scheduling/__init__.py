"""qcconf's session scheduler: a pure library (ortools and the standard library only).

    from scheduling import load_instance, solve, SolveConfig, validate
    schedule = solve(load_instance("instance.json"), SolveConfig(time_limit=30, seed=1))

Public API: model.py (Room, Block, Presentation, Plenary, Instance, Assignment, Schedule, Stats,
Conflict, Violation, SolveConfig), solver.solve, validate.validate, edit.swap / move /
check_move, lots.draw, io (load_instance, instance_from_dict, schedule_to_dict,
dump_schedule, InstanceError), cli.solve_command. ortools is imported on the first solve.
"""

from scheduling.edit import EditResult, check_move, move, swap
from scheduling.io import (
    InstanceError,
    dump_schedule,
    instance_from_dict,
    load_instance,
    schedule_to_dict,
)
from scheduling.model import (
    Assignment,
    Block,
    Conflict,
    Instance,
    Pin,
    Plenary,
    Presentation,
    Room,
    Schedule,
    SolveConfig,
    Stats,
    Unscheduled,
    Violation,
)
from scheduling.solver import solve
from scheduling.validate import validate

__all__ = [
    "Assignment",
    "Block",
    "Conflict",
    "EditResult",
    "Instance",
    "InstanceError",
    "Pin",
    "Plenary",
    "Presentation",
    "Room",
    "Schedule",
    "SolveConfig",
    "Stats",
    "Unscheduled",
    "Violation",
    "check_move",
    "dump_schedule",
    "instance_from_dict",
    "load_instance",
    "move",
    "schedule_to_dict",
    "solve",
    "swap",
    "validate",
]
