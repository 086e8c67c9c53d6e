"""Private links: each row keeps the SHA-256 of its token as the lookup key, and a link one
character off, or whose key matches a row holding another token, opens nothing."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from httpx import AsyncClient

from event.current import EventInfo
from event.tables import Delegation, Organization, Registration, Submission
from event.tokens import token_key
from tests.factories import delegation, person, qc


def sha256_hex(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def one_off(token: str) -> str:
    """The token with its last character changed."""
    return token[:-1] + ("A" if token[-1] != "A" else "B")


async def test_registration_stores_sha256_of_its_personal_link(client: AsyncClient) -> None:
    made = (await client.post("/api/registrations", json=person())).json()
    rows = await Registration.select(Registration.token, Registration.token_key)
    assert rows == [{"token": made["token"], "token_key": sha256_hex(made["token"])}]
    assert made["url"] == f"/r/{made['token']}"


async def test_delegation_stores_sha256_of_its_link_and_of_each_members_link(
    client: AsyncClient,
) -> None:
    made = (await client.post("/api/delegations", json=delegation())).json()
    unit = await Delegation.select(Delegation.token, Delegation.token_key)
    assert unit == [{"token": made["token"], "token_key": sha256_hex(made["token"])}]
    members = await Registration.select(Registration.token, Registration.token_key)
    tokens = [m["token"] for m in made["members"]]
    assert members == [{"token": t, "token_key": sha256_hex(t)} for t in tokens]


async def test_submission_stores_sha256_of_its_link(client: AsyncClient) -> None:
    made = (await client.post("/api/submissions/qc", json=qc(presented=False))).json()
    rows = await Submission.select(Submission.token, Submission.token_key)
    assert rows == [{"token": made["token"], "token_key": sha256_hex(made["token"])}]
    assert made["url"] == f"/s/{made['token']}"


def test_token_key_is_the_hex_sha256_of_the_token() -> None:
    assert token_key("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


@pytest.mark.parametrize("path", ["/r/{}", "/api/registrations/{}", "/r/{}/schedule.ics"])
async def test_personal_link_one_character_off_is_404(client: AsyncClient, path: str) -> None:
    token = (await client.post("/api/registrations", json=person())).json()["token"]
    assert (await client.get(path.format(token))).status_code == 200
    assert (await client.get(path.format(one_off(token)))).status_code == 404


async def test_delegation_link_one_character_off_is_404(client: AsyncClient) -> None:
    token = (await client.post("/api/delegations", json=delegation())).json()["token"]
    assert (await client.get(f"/d/{token}")).status_code == 200
    assert (await client.get(f"/d/{one_off(token)}")).status_code == 404


async def test_submission_link_one_character_off_is_404(client: AsyncClient) -> None:
    token = (await client.post("/api/submissions/qc", json=qc(presented=False))).json()["token"]
    assert (await client.get(f"/s/{token}")).status_code == 200
    assert (await client.get(f"/s/{one_off(token)}")).status_code == 404


async def test_row_whose_key_matches_but_token_differs_is_404(
    client: AsyncClient, event: EventInfo
) -> None:
    """The key only finds the row; the stored token must still equal the link's."""
    org = await Organization.insert(Organization(name="甲公司", created_at=datetime.now(UTC)))
    now = datetime.now(UTC)
    await Submission.insert(Submission(
        event=event.id, kind="qc", organization=org[0]["id"], title="成果", status="received",
        token="stored-token-0001", token_key=token_key("asked-token-0001"), data={},
        submitted_at=now, updated_at=now,
    ))  # fmt: skip
    assert (await client.get("/s/asked-token-0001")).status_code == 404
