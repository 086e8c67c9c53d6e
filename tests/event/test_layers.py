"""The README's rule, checked on the code: a wing may import the frame and the wings below it,
never one beside or above it (`admin`, `desk`, `judging`, `units` → `messages`, `submissions`
→ `registration` → `programme` → the frame); only `app.py` and `cli.py`, which assemble the
wings, and `demo`, which writes through all of them, import from above."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

LEVEL = {"programme": 1, "registration": 2, "messages": 3, "submissions": 3, "admin": 4,
         "desk": 4, "judging": 4, "units": 4, "demo": 5}  # fmt: skip
ASSEMBLERS = {"event/app.py", "event/cli.py"}


def _imported_wings(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
            if node.module == "event":
                modules = [f"event.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            continue
        found |= {m.split(".")[1] for m in modules if m.startswith("event.") and m.split(".")[1] in LEVEL}  # fmt: skip
    return found


def test_wings_import_only_the_frame_and_the_wings_below_them() -> None:
    wrong = []
    for path in sorted((ROOT / "event").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        parts = path.relative_to(ROOT / "event").parts
        wing = parts[0] if len(parts) > 1 and parts[0] in LEVEL else None
        if name in ASSEMBLERS:
            continue
        for target in _imported_wings(path):
            if wing is None or (target != wing and LEVEL[target] >= LEVEL[wing]):
                wrong.append(f"{name} ({wing or 'frame'}) imports event.{target}")
    assert wrong == []


def test_the_rule_sees_a_sideways_import(tmp_path: Path) -> None:
    module = tmp_path / "example.py"
    module.write_text("from event.desk.badges import render\nimport event.programme.feeds\n")
    assert _imported_wings(module) == {"desk", "programme"}
