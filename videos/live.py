"""Watching while processing: a run publishes its HLS as ffmpeg writes it.

ffmpeg writes EVENT playlists, listing a segment once it is complete. Between its progress
reports the run stores each newly listed segment under its own prefix, then saves the playlist
that lists it as a LivePlaylist, then the master playlist naming only the variants published so
far; the first master published makes the item playable (`live_hls_prefix`). Until the item is
ready the API serves these playlists, marked so that players start at the beginning and stay
where the viewer is rather than at the live edge (m3u8.starting_at_beginning); when it ends they
carry EXT-X-ENDLIST, and the stored VOD package, the same segments under the same names, takes
over at once.

Publishing runs in the run's own thread, so it never races the run's other writes.
"""

from collections.abc import Callable
from pathlib import Path

from bson import ObjectId
from django.utils import timezone

from videos import m3u8
from videos.documents import LivePlaylist

MASTER = "master.m3u8"


class LivePublisher:
    """Publishes one run's HLS folder as ffmpeg fills it; `stored` names what it stored."""

    def __init__(
        self,
        *,
        video_id: ObjectId,
        hls_prefix: str,
        folder: Path,
        duration: float,
        store: Callable[[str, Path], str],
        went_live: Callable[[str], object],
    ):
        self.video_id = video_id
        self.duration = duration
        self.hls_prefix = hls_prefix
        self.folder = folder
        self.store = store
        self.went_live = went_live
        self.stored: list[str] = []
        self.segments: set[str] = set()
        self._playlists: dict[str, str] = {}
        self._master: str | None = None

    def publish(self) -> None:
        """Store the segments finished since the last call, then the playlists naming them."""
        for playlist in sorted(self.folder.glob("*/index.m3u8")):
            relative = playlist.relative_to(self.folder).as_posix()
            text = playlist.read_text()
            listed = m3u8.segments(text)
            if not listed or text == self._playlists.get(relative):
                continue
            for segment in listed:
                path = f"{playlist.parent.name}/{segment.uri}"
                if path not in self.segments:
                    name = self.store(self.hls_prefix + path, playlist.parent / segment.uri)
                    self.stored.append(name)
                    self.segments.add(path)
            self._save(relative, m3u8.starting_at_beginning(text, whole=self.duration))
            self._playlists[relative] = text
        master = self.folder / MASTER
        if not master.is_file():
            return
        text = publishable_master(master.read_text(), available=set(self._playlists))
        if text is not None and text != self._master:
            self._save(MASTER, text)
            if self._master is None:
                self.went_live(self.hls_prefix)
            self._master = text

    def _save(self, path: str, text: str) -> None:
        LivePlaylist.objects(video_id=self.video_id, prefix=self.hls_prefix, path=path).update_one(
            upsert=True, set__text=text, set__updated_at=timezone.now()
        )


def publishable_master(text: str, *, available: set[str]) -> str | None:
    """ffmpeg's master playlist as players may read it while the run goes on: naming only the
    variants whose playlists are published, and starting at the beginning."""
    kept = m3u8.master_naming_only(text, available=available)
    return m3u8.starting_at_beginning(kept) if kept is not None else None


def forget(*, video_id: ObjectId, prefix: str | None = None) -> None:
    """Drop the live playlists of an item: one run's, or all of them."""
    playlists = LivePlaylist.objects(video_id=video_id)
    if prefix is not None:
        playlists = playlists.filter(prefix=prefix)
    playlists.delete()
