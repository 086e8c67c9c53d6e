"""Calendar UIDs name the installation (QCCONF_PUBLIC_URL's host, else a random id kept in the
data folder) and the event (its random key), so no two installations or events share one."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from uuid import UUID

from event.programme import uids


def _settings(tmp_path: Path, url: str | None) -> SimpleNamespace:
    return SimpleNamespace(public_url=url, data_dir=tmp_path)


def test_domain_is_the_public_host(tmp_path: Path) -> None:
    settings = _settings(tmp_path, "https://qc.example.org/")
    assert uids.calendar_domain(settings) == "qc.example.org"
    assert not (tmp_path / uids.INSTALLATION_FILE).exists()


def test_loopback_or_unset_address_names_the_installation_instead(tmp_path: Path) -> None:
    here = uids.calendar_domain(_settings(tmp_path / "a", "http://127.0.0.1:8000"))
    again = uids.calendar_domain(_settings(tmp_path / "a", None))
    there = uids.calendar_domain(_settings(tmp_path / "b", "http://localhost:8000"))
    assert here == again and here.endswith(".qcconf.invalid") and here != there


def test_two_events_never_share_a_presentation_uid() -> None:
    first = uids.event_key(UUID("3f2a9c81-d0e4-4b6a-9f00-000000000001"))
    second = uids.event_key(UUID("77aa0000-d0e4-4b6a-9f00-000000000001"))
    assert uids.presentation_uid(first, "qc.example.org", "QC-0001") == (
        "qc-0001.3f2a9c81d0e4@qc.example.org"
    )
    assert uids.presentation_uid(first, "d", "QC-0001") != uids.presentation_uid(
        second, "d", "QC-0001"
    )
