"""Caption tracks: one per language of an item, set from a WebVTT or SRT file and removed by
its owner; read by the caption list, the plain WebVTT files and the HLS subtitle renditions."""

import math
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from mongoengine import NotUniqueError

from common.errors import Conflict, NotFound, RuleViolation
from videos import language_tags, webvtt
from videos.documents import CaptionTrack, Video


@dataclass(frozen=True)
class SetTrack:
    """What a PUT did: the track as stored, and whether it is new."""

    track: CaptionTrack
    created: bool


def canonical_lang(lang: str) -> str:
    """The tag in its canonical case, or a 400 naming `lang`."""
    try:
        return language_tags.canonical(lang)
    except language_tags.MalformedTag as exc:
        raise RuleViolation.on_field("lang", f"Not a BCP 47 language tag: {exc}") from exc


def set_track(*, video: Video, lang: str, label: str, data: bytes) -> SetTrack:
    """Store the file's cues as the item's captions in `lang`, replacing any there.

    The file must fit the item (every cue ends by its end), so the item needs its media first.
    Nothing is stored unless the whole file is good. Two owners' PUTs racing past the track
    limit both find the count over it after writing, and each removes the track it added.
    """
    lang = canonical_lang(lang)
    if video.duration is None:
        raise Conflict("Upload the item's media before its captions.", code="no_media")
    limits = webvtt.Limits(
        max_cues=settings.CAPTIONS_MAX_CUES, duration_ms=math.ceil(video.duration * 1000)
    )
    try:
        source_format, cues = webvtt.parse(data, limits=limits)
    except webvtt.CaptionError as exc:
        raise RuleViolation.on_field("file", str(exc), code="invalid_captions") from exc
    now = timezone.now()
    fields = {
        "set__label": label or lang,
        "set__source_format": source_format,
        "set__cue_count": len(cues),
        "set__cues": [[cue.start, cue.end, cue.settings, cue.text] for cue in cues],
        "set__updated_at": now,
        "set_on_insert__created_at": now,
    }
    query = CaptionTrack.objects(video_id=video.id, lang=lang)
    try:
        result = query.update_one(upsert=True, full_result=True, **fields)
    except NotUniqueError:
        # A concurrent PUT of the same language inserted it first: replace that one.
        result = query.update_one(full_result=True, **fields)
    created = result.upserted_id is not None
    if created and CaptionTrack.objects(video_id=video.id).count() > settings.CAPTIONS_MAX_TRACKS:
        CaptionTrack.objects(id=result.upserted_id).delete()
        raise Conflict(
            f"An item has at most {settings.CAPTIONS_MAX_TRACKS} caption languages.",
            code="too_many_tracks",
        )
    return SetTrack(track=query.exclude("cues").get(), created=created)


def delete_track(*, video: Video, lang: str) -> None:
    """Remove the item's captions in `lang`; 404 when it has none in that language."""
    if not CaptionTrack.objects(video_id=video.id, lang=canonical_lang(lang)).delete():
        raise NotFound("This item has no captions in that language.")


def tracks_of(*, video: Video):
    """The item's caption tracks without their cues, for lists and the master playlist."""
    return CaptionTrack.objects(video_id=video.id).exclude("cues")


def track_with_cues(*, video: Video, lang: str) -> CaptionTrack:
    """One track with its cues, as the caption files are written from; 404 when there is none.

    A tag that is no language tag names no track: 404 too, as for any file that is not there.
    """
    try:
        lang = language_tags.canonical(lang)
    except language_tags.MalformedTag as exc:
        raise NotFound() from exc
    track = CaptionTrack.objects(video_id=video.id, lang=lang).first()
    if track is None:
        raise NotFound()
    return track


def cues_of(track: CaptionTrack) -> list[webvtt.Cue]:
    return [webvtt.Cue(start=s, end=e, settings=st, text=t) for s, e, st, t in track.cues]


def whole_file(track: CaptionTrack) -> str:
    """The track as one WebVTT file, for players that take a plain .vtt."""
    return webvtt.write(webvtt.numbered(cues_of(track)))
