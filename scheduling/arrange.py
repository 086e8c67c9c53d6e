"""The finished sessions, as they are, into (room, block) cells with the fewest of one theme
in parallel, and a proof of how few these sessions allow.

After spread.py's moves, a CP-SAT assignment finds (or proves) the least `parallel` under
every rule a session's cell must keep: the room's kinds and capacity, the free time around
plenary items, each item's unavailable blocks, a presenter in one room per block, and the
sessions holding a pinned item or an item kept at its previous place staying where they are
(so items, sessions and moves are as before: lexicographic order, only `parallel` changes).

Rooms of one block that no rule tells apart (same kinds, capacity and free time) form a class
(any session fits any room of its class), so the models count per (class, block) cell:
1. counts: sessions alike (theme and cells they may use) form a group; n[g,c,b] of them go to
   class c in block b, z[t,b] says theme t holds block b, parallel = sessions - sum(z). Exact
   but for the presenters, so its bound is a lower bound on `parallel` (parallel_forced).
2. sessions: x[s=R03@D1-AM,c=2,b=D2-PM], one per session and cell, with the presenters; first
   each session where it is or in a cell the counts chose for its group (a small model that
   completes their answer), and when that falls short of their bound, every cell, hinted with
   the best so far; only this full model's bound adds to the proof.
Every solve stops on deterministic time (shares of one budget, a part of the solve's limit):
the same answer for any number of workers on a machine that is not overloaded.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from scheduling.constraints import tname
from scheduling.cpsat import DET_MARGIN, DET_PER_SECOND, Clock, cp_model, found, make_solver, run
from scheduling.model import SolveConfig, Theme
from scheduling.prepare import Prepared
from scheduling.spans import session_fits

Sessions = dict[tuple[str, str], list[str]]  # (room, block) -> presentation ids
Key = tuple[str, str]
Cell = tuple[int, str]  # (room class, block)
Group = tuple[Theme, tuple[Cell, ...]]


@dataclass(frozen=True)
class Arranged:
    sessions: Sessions
    parallel: int
    bound: int  # a proven lower bound on parallel for these sessions and rules


@dataclass
class _Board:
    """The sessions that may move, those that stay, the room classes and each session's cells."""

    prep: Prepared
    sessions: Sessions
    movable: list[Key]
    fixed: list[Key]
    classes: dict[Cell, list[str]]  # (class, block) -> rooms not held by a fixed session
    options: dict[Key, list[Cell]]

    def theme(self, key: Key) -> Theme:
        return self.prep.pres[self.sessions[key][0]].theme

    def held(self) -> set[tuple[Theme, str]]:
        """(theme, block) pairs the fixed sessions hold."""
        return {(self.theme(k), k[1]) for k in self.fixed}

    def now(self, key: Key) -> Cell:
        room, bid = key
        return next(c for c, rooms in self.classes.items() if c[1] == bid and room in rooms)


def parallel_of(prep: Prepared, sessions: Sessions) -> int:
    """Sessions of a theme beyond one per block, summed over the themes."""
    keys = [(prep.pres[ps[0]].theme, k[1]) for k, ps in sessions.items() if ps]
    return len(keys) - len(set(keys))


def _people(prep: Prepared, pids: list[str]) -> set[str]:
    return {u for p in pids for u in prep.pres[p].presenters}


def _room_classes(prep: Prepared, taken: set[Key]) -> dict[Cell, list[str]]:
    inst = prep.instance
    out: dict[Cell, list[str]] = {}
    for b in inst.blocks:
        seen: dict[tuple[Any, ...], int] = {}
        for r in inst.rooms:
            if (r.id, b.id) not in taken:
                sig = (tuple(sorted(r.kinds)), r.capacity, inst.free(r.id, b.id))
                out.setdefault((seen.setdefault(sig, len(seen)), b.id), []).append(r.id)
    return out


def _cells(
    prep: Prepared, pids: list[str], classes: dict[Cell, list[str]], busy: set[str]
) -> list[Cell]:
    """The cells the session may use: every rule, the presenters' only against the sessions
    that stay (`busy`: the blocks where one of its presenters is in such a session)."""
    inst = prep.instance
    kind = prep.pres[pids[0]].kind
    audience = max(prep.pres[p].audience for p in pids)
    minutes = [prep.pres[p].minutes for p in pids]
    blocks = set.intersection(*(set(prep.allowed.get(p, ())) for p in pids)) - busy
    out = []
    for (c, bid), rooms in classes.items():
        room = inst.room(rooms[0])
        takes = bid in blocks and kind in room.kinds and audience <= room.capacity
        if takes and session_fits(inst, room.id, bid, minutes):
            out.append((c, bid))
    return out


def _board(prep: Prepared, sessions: Sessions) -> _Board:
    def stays(key: Key) -> bool:
        pres = prep.pres
        return any(pres[p].pinned is not None or prep.previous.get(p) == key for p in sessions[key])

    keys = sorted(k for k, ps in sessions.items() if ps)
    fixed = [k for k in keys if stays(k)]
    movable = [k for k in keys if not stays(k)]
    busy: dict[str, set[str]] = defaultdict(set)
    for k in fixed:
        for person in _people(prep, sessions[k]):
            busy[person].add(k[1])
    classes = _room_classes(prep, set(fixed))
    options = {}
    for k in movable:
        blocked = set().union(*(busy[u] for u in _people(prep, sessions[k])))
        options[k] = _cells(prep, sessions[k], classes, blocked)
    return _Board(prep, dict(sessions), movable, fixed, classes, options)


def _coverage(
    model: Any, board: _Board, by_tb: dict[tuple[Theme, str], list[Any]], hint: set[Any]
) -> Any:
    """parallel = sessions - (theme, block) pairs held, with z[t,b] <= what t has in b (a
    linear row: the LP bound needs it) and z hinted from the (theme, block) pairs in `hint`."""
    held = board.held()
    z = []
    for (t, bid), vars_ in sorted(by_tb.items()):
        if (t, bid) in held or not vars_:
            continue
        var = model.new_bool_var(f"z[t={tname(t)},b={bid}]")
        model.add(var <= sum(vars_))
        model.add_hint(var, (t, bid) in hint)
        z.append(var)
    return len(board.movable) + len(board.fixed) - len(held) - sum(z)


def _groups(board: _Board) -> dict[Group, list[Key]]:
    out: dict[Group, list[Key]] = defaultdict(list)
    for k in board.movable:
        out[board.theme(k), tuple(board.options[k])].append(k)
    return dict(sorted(out.items()))


def _counts_model(
    board: _Board, groups: dict[Group, list[Key]]
) -> tuple[Any, dict[tuple[int, Cell], Any], Any]:
    """Model 1 (see the module docstring), hinted with the sessions where they are now."""
    model = cp_model().CpModel()
    n: dict[tuple[int, Cell], Any] = {}
    per_cell: dict[Cell, list[Any]] = defaultdict(list)
    by_tb: dict[tuple[Theme, str], list[Any]] = defaultdict(list)
    for g, ((t, cells), keys) in enumerate(groups.items()):
        now = defaultdict(int, {c: 0 for c in cells})
        for k in keys:
            now[board.now(k)] += 1
        for cell in cells:
            top = min(len(keys), len(board.classes[cell]))
            n[g, cell] = model.new_int_var(0, top, f"n[g={g},c={cell[0]},b={cell[1]}]")
            model.add_hint(n[g, cell], now[cell])
            per_cell[cell].append(n[g, cell])
            by_tb[t, cell[1]].append(n[g, cell])
        model.add(sum(n[g, c] for c in cells) == len(keys))
    for cell, vars_ in per_cell.items():
        model.add(sum(vars_) <= len(board.classes[cell]))
    hint = {(board.theme(k), k[1]) for k in board.movable}
    return model, n, _coverage(model, board, by_tb, hint)


def _sessions_model(
    board: _Board, options: dict[Key, list[Cell]], start: dict[Key, Cell]
) -> tuple[Any, dict[tuple[Key, Cell], Any], Any]:
    """Model 2 over `options` (each session's cells), hinted with the cells of `start`."""
    model = cp_model().CpModel()
    x: dict[tuple[Key, Cell], Any] = {}
    per_cell: dict[Cell, list[Any]] = defaultdict(list)
    in_block: dict[tuple[Key, str], list[Any]] = defaultdict(list)
    by_tb: dict[tuple[Theme, str], list[Any]] = defaultdict(list)
    for k in board.movable:
        for cell in options[k]:
            x[k, cell] = var = model.new_bool_var(f"x[s={k[0]}@{k[1]},c={cell[0]},b={cell[1]}]")
            model.add_hint(var, cell == start[k])
            per_cell[cell].append(var)
            in_block[k, cell[1]].append(var)
            by_tb[board.theme(k), cell[1]].append(var)
        model.add_exactly_one(x[k, cell] for cell in options[k])
    for cell, vars_ in per_cell.items():
        if len(vars_) > len(board.classes[cell]):
            model.add(sum(vars_) <= len(board.classes[cell]))
    _presenters(model, board, in_block)
    hint = {(board.theme(k), cell[1]) for k, cell in start.items()}
    return model, x, _coverage(model, board, by_tb, hint)


def _presenters(model: Any, board: _Board, in_block: dict[tuple[Key, str], list[Any]]) -> None:
    """At most one of a person's movable sessions per block (the fixed ones are in _cells)."""
    mine: dict[str, list[Key]] = defaultdict(list)
    for k in board.movable:
        for person in _people(board.prep, board.sessions[k]):
            mine[person].append(k)
    for _, keys in sorted(mine.items()):
        if len(keys) < 2:
            continue
        for b in board.prep.instance.blocks:
            vars_ = [var for k in keys for var in in_block.get((k, b.id), ())]
            if len(vars_) > 1:
                model.add(sum(vars_) <= 1)


@dataclass
class _Budget:
    """The deterministic time arrange.py may spend, as seconds of make_solver's rate: each
    solve takes its share of what is left and gives back what it did not use (deterministic
    time, so the same on every run); the wall-clock stop at `until` only guards the deadline."""

    config: SolveConfig
    clock: Clock
    left: float
    until: float

    def solve(self, model: Any, share: float = 1.0) -> Any:
        """The solver after solving `model` (the LP with every constraint: its bound is what
        proves), or None when it found nothing."""
        nominal = max(0.05, self.left * share)
        solver = make_solver(self.config, nominal)
        solver.parameters.linearization_level = 2
        solver.parameters.cp_model_probing_level = 0  # measured: the same proofs in 40-60 %
        wall = min(nominal, self.until - time.perf_counter())
        solver.parameters.max_time_in_seconds = max(0.05, wall)
        was_cut = self.clock.cut
        status = run(model, solver, self.clock, "rooms")
        self.clock.cut = was_cut  # more time here never places more items
        self.left -= solver.deterministic_time / (DET_PER_SECOND * DET_MARGIN)
        return solver if found(status) else None


def _rooms(board: _Board, chosen: dict[Key, Cell]) -> Sessions:
    """The sessions in concrete rooms of their chosen classes: a session staying in its block
    keeps its room, then one keeps its room in another block where it can, else it takes the
    first free room of the class."""
    free = {cell: list(rooms) for cell, rooms in board.classes.items()}
    where: dict[Key, Key] = {}
    for k, cell in sorted(chosen.items()):
        if k[1] == cell[1] and k[0] in free[cell]:
            free[cell].remove(k[0])
            where[k] = k
    for k, cell in sorted(chosen.items()):
        if k not in where:
            room = k[0] if k[0] in free[cell] else free[cell][0]
            free[cell].remove(room)
            where[k] = (room, cell[1])
    out = {k: list(board.sessions[k]) for k in board.fixed}
    out.update({where[k]: list(board.sessions[k]) for k in board.movable})
    return out


def _near(
    board: _Board, groups: dict[Group, list[Key]], counts: dict[tuple[int, Cell], int]
) -> dict[Key, list[Cell]]:
    """Each session's cells in model 2 after the counts: where it is now and the cells the
    counts chose for its group (a small model that completes the counts' answer, or comes
    close to it where a presenter's sessions cannot all follow it)."""
    chosen: dict[int, list[Cell]] = defaultdict(list)
    for (g, cell), m in counts.items():
        if m > 0:
            chosen[g].append(cell)
    options = {}
    for g, keys in enumerate(groups.values()):
        for k in keys:
            now = board.now(k)
            options[k] = [now] + [c for c in chosen[g] if c != now]
    return options


@dataclass(frozen=True)
class _Found:
    cells: dict[Key, Cell]  # each movable session's cell
    parallel: int
    bound: int


def _sessions_solve(
    board: _Board, budget: _Budget, options: dict[Key, list[Cell]], start: _Found, share: float
) -> _Found:
    """Model 2 over `options`, hinted with `start`: `start` again unless it finds better.
    Only over every session's every cell (board.options) does its bound prove anything."""
    model, x, objective = _sessions_model(board, options, start.cells)
    model.add(objective >= start.bound)
    model.minimize(objective)
    solver = budget.solve(model, share)
    if solver is None:
        return start
    bound = start.bound
    if options is board.options:
        bound = max(bound, math.ceil(solver.best_objective_bound - 1e-6))
    bound = min(start.parallel, bound)
    value = round(solver.objective_value)
    if value >= start.parallel:
        return _Found(start.cells, start.parallel, bound)
    chosen = {k: cell for (k, cell), var in x.items() if solver.boolean_value(var)}
    return _Found(chosen, value, min(value, bound))


def arrange(
    prep: Prepared,
    sessions: Sessions,
    config: SolveConfig,
    clock: Clock,
    nominal: float,
    until: float,
    floor: int = 0,
) -> Arranged:
    """`sessions` in the cells that give the fewest `parallel` found (never more than now),
    with a proven lower bound on it; `floor` is a known one. Deterministic stops for
    `nominal` seconds in all, the wall-clock one at the perf_counter instant `until`."""
    now = parallel_of(prep, sessions)
    if now <= floor or nominal < 0.1:
        return Arranged(sessions, now, min(now, floor))
    budget = _Budget(config, clock, nominal, until)
    board = _board(prep, sessions)
    groups = _groups(board)
    model, n, objective = _counts_model(board, groups)
    model.minimize(objective)  # (objective >= floor slowed the proof down, measured)
    solver = budget.solve(model, 0.7)
    if solver is None:
        return Arranged(sessions, now, floor)
    bound = max(floor, math.ceil(solver.best_objective_bound - 1e-6))
    value = round(solver.objective_value)
    if value >= now:
        return Arranged(sessions, now, min(now, bound))
    counts = {key: int(solver.value(var)) for key, var in n.items()}
    best = _Found({k: board.now(k) for k in board.movable}, now, bound)
    best = _sessions_solve(board, budget, _near(board, groups, counts), best, 0.3)
    if best.parallel > best.bound:
        best = _sessions_solve(board, budget, board.options, best, 1.0)
    if best.parallel >= now:
        return Arranged(sessions, now, best.bound)
    return Arranged(_rooms(board, best.cells), best.parallel, best.bound)
