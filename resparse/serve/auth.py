"""The bearer token: read once from a file, compared in constant time."""

from __future__ import annotations

import hmac
from pathlib import Path

OPEN_PATHS = frozenset({"/health"})
"""Routes that answer without a token (a load balancer's health check)."""


class TokenError(Exception):
    """The token file cannot be used; the message says why."""


def read_token(path: Path) -> str:
    """The token: the file's first line, stripped; an empty or unreadable file is refused."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        why = getattr(error, "strerror", None) or error
        raise TokenError(f"cannot read the token file ({why})") from None
    token = text.strip().splitlines()[0].strip() if text.strip() else ""
    if not token:
        raise TokenError("the token file is empty")
    return token


def authorised(header: bytes | None, token: str) -> bool:
    """Whether an ``Authorization`` header carries ``Bearer TOKEN`` (constant time in the token)."""
    scheme, _, given = (header or b"").partition(b" ")
    if scheme.lower() != b"bearer":
        return False
    return hmac.compare_digest(given.strip(), token.encode("utf-8"))
