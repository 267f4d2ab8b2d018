"""tus requests through the test client: what a tus client sends, built by hand."""

import base64
import hashlib
from pathlib import Path

from django.conf import settings

from uploads.protocol import OFFSET_STREAM, TUS_VERSION

UPLOADS = "/api/v1/uploads/"
TUS = {"HTTP_TUS_RESUMABLE": TUS_VERSION}


def metadata(**pairs: str) -> str:
    """An Upload-Metadata header."""
    return ",".join(
        f"{key} {base64.b64encode(value.encode()).decode()}" for key, value in pairs.items()
    )


def sha1_header(data: bytes) -> str:
    return "sha1 " + base64.b64encode(hashlib.sha1(data).digest()).decode()


def draft(client, **fields) -> str:
    """A draft item of the client's user, created as JSON (201); its id."""
    response = client.post("/api/v1/videos", {"title": "Draft", **fields}, format="json")
    assert response.status_code == 201, response.content
    return response.json()["id"]


def create(client, *, video_id: str, length: int, filename: str = "clip.mp4", body=b"", **extra):
    """POST a tus creation (with its first bytes when `body` has any)."""
    headers = {
        **TUS,
        "HTTP_UPLOAD_LENGTH": str(length),
        "HTTP_UPLOAD_METADATA": metadata(video_id=video_id, filename=filename),
        **extra,
    }
    if body:
        return client.generic("POST", UPLOADS, body, content_type=OFFSET_STREAM, **headers)
    return client.generic("POST", UPLOADS, **headers)


def patch(client, url: str, data: bytes, *, offset: int, checksum: bool = False, **extra):
    """A tus PATCH of `data` at `offset`."""
    headers = {**TUS, "HTTP_UPLOAD_OFFSET": str(offset), **extra}
    if checksum:
        headers["HTTP_UPLOAD_CHECKSUM"] = sha1_header(data)
    return client.generic("PATCH", url, data, content_type=OFFSET_STREAM, **headers)


def offset_of(client, url: str) -> int:
    response = client.head(url, **TUS)
    assert response.status_code == 200, response.content
    return int(response["Upload-Offset"])


def path_of(response) -> str:
    """The upload's path from a creation's absolute Location."""
    return response["Location"].split("testserver", 1)[1]


def upload_files() -> list[str]:
    """Names of the files in the upload folder."""
    root = Path(settings.TUS_UPLOAD_DIR)
    return sorted(p.name for p in root.iterdir()) if root.exists() else []
