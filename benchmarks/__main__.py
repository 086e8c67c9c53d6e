"""`make bench`: run every benchmark module, print its table, write benchmarks/results/.

python -m benchmarks                 # all
python -m benchmarks registration    # only bench_registration
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
from datetime import datetime
from pathlib import Path

from benchmarks.table import markdown

HERE = Path(__file__).resolve().parent
MODULES = (
    "registration",
    "load",
    "import",
    "scheduling",
    "panels",
    "badges",
    "badge_batch",
    "agenda",
    "programme",
    "servers",
    "messages",
    "judging",
    "hostile",
)


def _machine() -> str:
    return f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()}"


def main(names: list[str]) -> int:
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    sections = []
    failed: list[str] = []
    for name in names or MODULES:
        try:
            module = importlib.import_module(f"benchmarks.bench_{name}")
        except ModuleNotFoundError:
            print(f"(no benchmarks/bench_{name}.py yet)")
            continue
        print(f"## {name}", flush=True)
        try:
            rows = module.run()
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            print(f"(failed: {exc!r})\n", flush=True)
            failed.append(name)
            continue
        table = markdown(rows, getattr(module, "COLUMNS", None))
        print(table + "\n", flush=True)
        stamp = f"{datetime.now():%Y-%m-%d %H:%M} · {_machine()}"
        (results / f"{name}.md").write_text(f"# {name}\n\n{stamp}\n\n{table}\n", encoding="utf-8")
        sections.append(f"## {name}\n\n{stamp}\n\n{table}\n")
    if sections and not names:
        (results / "latest.md").write_text(
            "# Benchmarks\n\n" + "\n".join(sections), encoding="utf-8"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
