"""The data folder: private to the server's user, and writable, or the server does not start.

Everything the system writes (the SQLite database, backups, the secret, the demo accounts,
uploads, sessions, failed-login counts) holds personal data or keys, so the `qcconf` command runs
with umask 077: files 0600, folders 0700. A folder the server cannot write would silently switch
off what lives there (the login lockout among them), so it fails closed instead."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

PRIVATE_UMASK = 0o077
log = logging.getLogger("qcconf.datadir")


class DataDirUnusable(RuntimeError):
    """The data folder cannot be made or written."""


def private_files() -> None:
    """From now on this process creates files 0600 and folders 0700."""
    os.umask(PRIVATE_UMASK)


def ensure_writable(folder: Path) -> None:
    """Make `folder` (0700) and prove it takes a file; log one clear line and raise if not."""
    probe = folder / f".write-test-{secrets.token_hex(4)}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        log.critical("data folder %s is not writable (%s): refusing to start; set QCCONF_DATA_DIR "
                     "to a folder this user may write", folder, exc)  # fmt: skip
        raise DataDirUnusable(f"data folder {folder} is not writable: {exc}") from exc
