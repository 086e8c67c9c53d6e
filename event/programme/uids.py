"""Calendar identities, in one place: UIDs and the domain they name (RFC 5545 §3.8.4.7).

Feeds, `qcconf ics` and the iTIP messages of the messages wing all take their UIDs from here,
so a REQUEST or CANCEL e-mail updates the very event a subscribed calendar holds. A UID is
``{what}.{event key}@{domain}``: the event key is the event's random ``uid_key`` (made once,
kept by backups), so two events, or two installations that share a host name, never share a
UID; the domain is the host of ``QCCONF_PUBLIC_URL``, or, while that is unset or a loopback
address, ``{installation id}.qcconf.invalid`` with a random installation id kept in the data
folder. SEQUENCE is the item's own counter:
presentations take it from the published version, plenary items from their row; a cancelled
registration's personal feed shows every event one higher (`personal_sequence`).

Events published before this scheme carried ``qcconf-{event}-{code}@qcconf``; their
subscribers see every event replaced once when the server with this code first answers.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

INSTALLATION_FILE = "installation-id"


LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})


def public_url(settings: Any) -> str | None:
    """QCCONF_PUBLIC_URL (Settings.public_url) without a trailing slash; None while it is the
    local default, which names no installation (every one has it)."""
    url = getattr(settings, "public_url", None) or os.environ.get("QCCONF_PUBLIC_URL") or None
    if not url or (urlsplit(url).hostname or "localhost") in LOOPBACK:
        return None
    return url.rstrip("/")


def installation_id(data_dir: Path) -> str:
    """A random id made once per data folder (the first caller writes it; the rest read it)."""
    path = data_dir / INSTALLATION_FILE
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="ascii") as file:  # "x": two processes cannot both win
            file.write(secrets.token_hex(8))
    except FileExistsError:
        pass
    return path.read_text(encoding="ascii").strip()


def calendar_domain(settings: Any) -> str:
    """The right-hand side of every UID this installation makes."""
    url = public_url(settings)
    host = urlsplit(url).hostname if url else None
    return host or f"{installation_id(Path(settings.data_dir))}.qcconf.invalid"


def event_key(uid_key: UUID | str) -> str:
    """The event's part of a UID: 12 hex digits of its random key."""
    return (uid_key.hex if isinstance(uid_key, UUID) else str(uid_key).replace("-", ""))[:12]


def presentation_uid(key: str, domain: str, code: str) -> str:
    """Never changes for the same presentation, whatever room, time or version."""
    return f"{code.lower()}.{key}@{domain}"


def session_uid(key: str, domain: str, block: str, room_id: int) -> str:
    """A room's session in a block (the day table's 分会场发表 row)."""
    return f"session-{block.lower()}-r{room_id}.{key}@{domain}"


def new_plenary_local() -> str:
    """What a new plenary item stores as its uid; `plenary_uid` completes it."""
    return f"item-{secrets.token_hex(6)}"


def plenary_uid(stored: str, key: str, domain: str) -> str:
    """A plenary item's UID from its stored part; items stored whole (before UIDs named the
    installation) keep theirs."""
    return stored if "@" in stored else f"{stored}.{key}@{domain}"


def personal_sequence(sequence: int, registration_cancelled: bool) -> int:
    """A cancelled registration's feed shows each event cancelled, one SEQUENCE higher."""
    return sequence + 1 if registration_cancelled else sequence
