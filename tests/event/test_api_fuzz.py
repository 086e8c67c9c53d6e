"""Schemathesis against the OpenAPI document, calling the real server: no input gives a 5xx, and
every answer is one the document describes (a bounded number of examples per operation, fixed seed)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from event.app import create_app
from tests.conftest import ROOT
from tests.event.live import live_server

DOCUMENT = create_app().openapi_schema.to_schema()
SCHEMA = schemathesis.openapi.from_dict(DOCUMENT)
OPERATIONS = {op.label: op for op in (r.ok() for r in SCHEMA.get_all_operations())}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real server on a SQLite copy of the small demo event."""
    data_dir = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite:///{data_dir / 'fuzz.sqlite3'}"
    env = {**os.environ, "QCCONF_DATABASE_URL": url, "QCCONF_DATA_DIR": str(data_dir)}
    subprocess.run(
        [sys.executable, "-m", "event.cli", "demo", "--size", "small"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    with live_server(url, Path(data_dir), extra_env={"QCCONF_RATE_LIMIT": "0"}) as base:
        yield base


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_operation_never_fails_and_matches_its_document(base_url: str, label: str) -> None:
    @given(OPERATIONS[label].as_strategy())
    @settings(
        max_examples=15,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        # Our schema gives types and lengths; the Chinese field rules (a mobile's digits, a
        # postcode, 附件八's rates) refuse some schema-valid values with a documented 400.
        case.call_and_validate(base_url=base_url, excluded_checks=[positive_data_acceptance])

    check()
