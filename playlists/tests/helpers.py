"""Builders for playlist tests: playlists and items through the API, bulk items in the store."""

from bson import ObjectId
from django.utils import timezone

from playlists.documents import Playlist, PlaylistItem
from videos.documents import Video

PLAYLISTS = "/api/v1/playlists"
WATCH_LATER = f"{PLAYLISTS}/watch-later"


def create(client, **fields) -> dict:
    """Create a playlist through the API and return its body."""
    response = client.post(PLAYLISTS, {"name": "Mix", **fields}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def item_url(playlist_id: str, video) -> str:
    return f"{PLAYLISTS}/{playlist_id}/videos/{video.id}"


def put(client, playlist_id: str, video, **body):
    return client.put(item_url(playlist_id, video), body, format="json")


def move(client, playlist_id: str, video, position):
    return client.patch(item_url(playlist_id, video), {"position": position}, format="json")


def shown(body: dict) -> list[tuple[int, str]]:
    """(position, item id) of each entry a playlist payload shows, in order."""
    return [(entry["position"], entry["video"]["id"]) for entry in body["videos"]]


def titles(body: dict) -> list[str]:
    return [entry["video"]["title"] for entry in body["videos"]]


def stored_ids(playlist_id) -> list[str]:
    """The item ids stored on a playlist, in their stored order."""
    return [str(item.video_id) for item in Playlist.objects.get(id=playlist_id).items]


def stored_doc(playlist_id) -> dict | None:
    """The raw stored document, to compare before and after a refused request."""
    return Playlist._get_collection().find_one({"_id": ObjectId(str(playlist_id))})


def bulk_ready_videos(owner, count: int, *, prefix: str = "item") -> list[Video]:
    """Many public, ready items in one insert, each with a stored thumbnail name."""
    now = timezone.now()
    videos = [
        Video(
            owner_id=owner.id,
            title=f"{prefix} {index}",
            status="ready",
            progress=100.0,
            visibility="public",
            published=True,
            published_at=now,
            is_listed=True,
            duration=10.0,
            thumbnail=f"thumbnails/{prefix}-{index}.jpg",
        )
        for index in range(count)
    ]
    return Video.objects.insert(videos)


def playlist_in_store(owner, videos, **fields) -> Playlist:
    """A playlist holding these items, written straight to the store."""
    playlist = Playlist(
        owner_id=owner.id,
        name=fields.pop("name", "Stored"),
        items=[PlaylistItem(video_id=video.id) for video in videos],
        **fields,
    )
    return playlist.save(force_insert=True)
