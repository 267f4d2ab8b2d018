"""Every write route refuses everyone but the owner, and a refused request changes nothing."""

from pathlib import Path

import pytest
from django.conf import settings

from accounts.tests.helpers import image_upload
from playlists.tests.helpers import PLAYLISTS, WATCH_LATER, create, put, stored_doc
from videos.tests.helpers import ready_video

WRITES = {
    "rename": ("patch", "", lambda: {"name": "Taken over"}, "json"),
    "delete": ("delete", "", None, None),
    "add-item": ("put", "/videos/{new}", lambda: {}, "json"),
    "put-moves-item": ("put", "/videos/{item}", lambda: {"position": 1}, "json"),
    "move-item": ("patch", "/videos/{item}", lambda: {"position": 1}, "json"),
    "remove-item": ("delete", "/videos/{item}", None, None),
    "thumbnail": ("put", "/thumbnail", lambda: {"thumbnail": image_upload()}, "multipart"),
}
# Who asks, the playlist's visibility, and what they get: nothing about a private playlist
# leaks, and one others can see is theirs to read, not to change.
CALLERS = [
    ("anonymous", "public", 401, "not_authenticated"),
    ("anonymous", "private", 401, "not_authenticated"),
    ("stranger", "public", 403, "permission_denied"),
    ("stranger", "unlisted", 403, "permission_denied"),
    ("stranger", "private", 404, "not_found"),
    ("stranger", "watch_later", 404, "not_found"),
]


def stored_thumbnails() -> list[Path]:
    return sorted((Path(settings.MEDIA_ROOT) / "playlists").rglob("*"))


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize(("caller", "visibility", "status", "code"), CALLERS)
def test_only_the_owner_changes_a_playlist(
    auth_client, api_client, make_user, write, caller, visibility, status, code
):
    owner = auth_client()
    channel = make_user()
    item, other_item, new = (ready_video(channel, title=t) for t in ("item", "other", "new"))
    if visibility == "watch_later":
        playlist = owner.get(WATCH_LATER).json()["id"]
    else:
        playlist = create(owner, visibility=visibility)["id"]
    put(owner, playlist, item)
    put(owner, playlist, other_item)
    owner.put(f"{PLAYLISTS}/{playlist}/thumbnail", {"thumbnail": image_upload()}, "multipart")
    before, files = stored_doc(playlist), stored_thumbnails()

    method, suffix, payload, body_format = WRITES[write]
    client = api_client if caller == "anonymous" else auth_client()
    url = f"{PLAYLISTS}/{playlist}" + suffix.format(item=item.id, new=new.id)
    kwargs = {"format": body_format} if body_format else {}
    response = getattr(client, method)(url, payload() if payload else None, **kwargs)

    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert stored_doc(playlist) == before
    assert stored_thumbnails() == files


@pytest.mark.parametrize("write", ["add-item", "move-item", "remove-item", "rename"])
def test_watch_later_in_the_path_is_always_the_callers_own(auth_client, make_user, write):
    owner, stranger = auth_client(), auth_client()
    item = ready_video(make_user(), title="item")
    playlist = owner.get(WATCH_LATER).json()["id"]
    put(owner, playlist, item)
    before = stored_doc(playlist)
    method, suffix, payload, body_format = WRITES[write]
    url = WATCH_LATER + suffix.format(item=item.id, new=item.id)
    getattr(stranger, method)(url, payload() if payload else None, format=body_format)
    assert stored_doc(playlist) == before
    assert stranger.get(WATCH_LATER).json()["id"] != playlist
