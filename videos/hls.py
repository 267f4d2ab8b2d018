"""Playlists as served: stored or written text, with a verified signature passed on to every
URI they name, so a player needs nothing but the first signed URL."""

import re

from django.http import HttpResponse

from common.storage import media_storage

PLAYLIST_TYPE = "application/vnd.apple.mpegurl"
PLAYLIST_URI = re.compile(r'URI="([^"]+)"')


def read_text(name: str) -> str:
    """A stored playlist's text."""
    with media_storage().open(name, "rb") as handle:
        return handle.read().decode()


def playlist_response(text: str, *, signed_query: str) -> HttpResponse:
    """Serve a playlist, carrying a verified signature (never raw query text) onto its URIs."""
    if signed_query:
        suffix = f"?{signed_query}"
        lines = []
        for line in text.splitlines():
            if line and not line.startswith("#"):
                line += suffix
            else:
                line = PLAYLIST_URI.sub(lambda m: f'URI="{m.group(1)}{suffix}"', line)
            lines.append(line)
        text = "\n".join(lines) + "\n"
    response = HttpResponse(text, content_type=PLAYLIST_TYPE)
    response["Cache-Control"] = "private, max-age=60"
    return response
