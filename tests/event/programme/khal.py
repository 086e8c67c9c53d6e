"""khal (Debian's) driven as a subscriber would: import each version of a feed, then list."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

KHAL = shutil.which("khal")


def need_khal() -> str:
    if KHAL is None:
        pytest.skip("khal is not installed (apt-get install khal; scripts/system-deps.sh)")
    return KHAL


class Khal:
    """One khal calendar in `root`, in the event's zone."""

    def __init__(self, root: Path, zone: str = "Asia/Shanghai") -> None:
        self.root = root
        (root / "cal").mkdir(parents=True)
        self.config = root / "khal.conf"
        self.config.write_text(
            f"[calendars]\n[[cal]]\npath = {root / 'cal'}\n\n[locale]\n"
            f"local_timezone = {zone}\ndefault_timezone = {zone}\n"
            "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
            "\n[default]\ndefault_calendar = cal\n",
            encoding="utf-8",
        )

    def _run(self, *args: str) -> str:
        done = subprocess.run(
            [need_khal(), "-c", str(self.config), *args],
            capture_output=True, text=True, timeout=60, check=True,
            env={"HOME": str(self.root), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        return done.stdout

    def import_feed(self, body: bytes, name: str) -> None:
        path = self.root / name
        path.write_bytes(body)
        self._run("import", "--batch", "-a", "cal", str(path))

    def list_day(self, day: str) -> list[str]:
        """`khal list` of one day: one line per event (cancelled ones marked by khal)."""
        out = self._run(
            "list", "-a", "cal", "--format", "{start-time} {status}{location}", day, "1d"
        )
        return [line.strip() for line in out.splitlines()[1:] if line.strip()]

    def files(self) -> int:
        return len(list((self.root / "cal").glob("*.ics")))
