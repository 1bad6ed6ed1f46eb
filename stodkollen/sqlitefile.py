"""Opening an SQLite file read-only by URI, whatever characters its path holds."""

from __future__ import annotations

from pathlib import Path


def read_only_uri(path: Path) -> str:
    """A `file:` URI that opens this file read-only: the path is percent-encoded, so a "#" or
    "?" in it cannot end the path and drop `mode=ro` (SQLite would then create a file)."""
    return Path(path).resolve().as_uri() + "?mode=ro"
