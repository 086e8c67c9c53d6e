"""The real application plus one bench-only route: a bare insert, the ceiling of the same run.

Never mounted in production; `benchmarks/bench_registration.py` serves this factory.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from litestar import Litestar, post

from event.app import create_app
from event.tables import Organization


@post("/api/bench/insert", status_code=201, include_in_schema=False)
async def bare_insert(data: dict[str, str]) -> dict[str, int]:
    """One INSERT … RETURNING id, no validation, no transaction: what the stack can do at best."""
    row = await Organization.insert(
        Organization(
            name=f"{data.get('name', '')}-{secrets.token_hex(8)}", created_at=datetime.now(UTC)
        )
    ).returning(Organization.id)
    return {"id": row[0]["id"]}


def create_bench_app() -> Litestar:
    app = create_app()
    app.register(bare_insert)
    return app
