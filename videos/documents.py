"""Media documents: items (video or audio), their renditions, chapters and captions, watch
history and daily figures."""

from django.utils import timezone
from mongoengine import (
    BooleanField,
    DateTimeField,
    DictField,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    FloatField,
    IntField,
    ListField,
    ObjectIdField,
    StringField,
)

KINDS = ("video", "audio")
VISIBILITIES = ("public", "unlisted", "private")
STATUSES = ("draft", "uploaded", "processing", "ready", "failed")
COMMENTS_POLICIES = ("enabled", "approval", "disabled")
HISTORY_DAYS = 30


class Rendition(EmbeddedDocument):
    """One HLS variant of a processed item."""

    name = StringField(required=True)
    height = IntField(null=True)
    width = IntField(null=True)
    bandwidth = IntField(required=True)


class Chapter(EmbeddedDocument):
    """A chapter the owner set: where it starts (seconds) and its title."""

    start = FloatField(required=True)
    title = StringField(required=True, max_length=100)


class ThumbnailCandidate(EmbeddedDocument):
    """A frame processing offers as the thumbnail: its time and its picture (public store)."""

    at = FloatField(required=True)
    name = StringField(required=True)


class Video(Document):
    """A media item: a video, or an audio track for the music variant."""

    owner_id = ObjectIdField(required=True)
    owner_active = BooleanField(default=True)
    kind = StringField(choices=KINDS, default="video")
    title = StringField(required=True, max_length=100)
    description = StringField(default="", max_length=5000)
    tags = ListField(StringField(max_length=30))
    genre = StringField(default="", max_length=40)
    visibility = StringField(choices=VISIBILITIES, default="public")
    published = BooleanField(default=True)
    published_at = DateTimeField(null=True)
    # When subscribers were told the item went live; set once, so later edits never tell again.
    announced_at = DateTimeField(null=True)
    is_listed = BooleanField(default=False)
    status = StringField(choices=STATUSES, default="draft")
    failure_reason = StringField(default="")
    progress = FloatField(default=0.0)
    version = IntField(default=0)
    # Part of every media signature; set afresh when the audience narrows or the file is replaced.
    signing_epoch = IntField(default=0)
    upload_path = StringField(default="")
    processing_attempts = IntField(default=0)
    processing_claim = StringField(default="")
    heartbeat_at = DateTimeField(null=True)
    duration = FloatField(null=True)
    width = IntField(null=True)
    height = IntField(null=True)
    source = StringField(default="")
    # The stored source's size (a podcast enclosure's length); 0 when processed before it was kept.
    source_bytes = IntField(default=0)
    hls_prefix = StringField(default="")
    # Where the running processing publishes its HLS as ffmpeg writes it ("" when it has not
    # started yet): its segments are stored there, its playlists are LivePlaylist documents.
    live_hls_prefix = StringField(default="")
    renditions = ListField(EmbeddedDocumentField(Rendition))
    # Where the storyboard (sprite sheet and WebVTT thumbnails track) is stored; "" for none.
    storyboard_prefix = StringField(default="")
    files = ListField(StringField())
    thumbnail = StringField(default="")
    thumbnail_custom = BooleanField(default=False)
    thumbnail_candidates = ListField(EmbeddedDocumentField(ThumbnailCandidate))
    # EBU R128 integrated loudness of the source (None: silent or unmeasured), and the gain that
    # takes it to -14 LUFS without its true peak passing -1 dBTP; audio renditions carry it
    # already (gain_applied), a player may apply it to video items itself.
    loudness_lufs = FloatField(null=True)
    gain_db = FloatField(null=True)
    gain_applied = BooleanField(default=False)
    views = IntField(default=0)
    views_batches = ListField(StringField())
    likes = IntField(default=0)
    likes_batches = ListField(StringField())
    comments_count = IntField(default=0)
    comments_count_batches = ListField(StringField())
    # enabled: comments publish unless a rule holds them; approval: the owner approves each;
    # disabled: no new comments. hold_links holds comments carrying links.
    comments_policy = StringField(choices=COMMENTS_POLICIES, default="enabled")
    hold_links = BooleanField(default=False)
    # Chapters the owner set, which win over the description's while chapters_custom holds.
    custom_chapters = ListField(EmbeddedDocumentField(Chapter))
    chapters_custom = BooleanField(default=False)
    search_tokens = ListField(StringField())
    created_at = DateTimeField(default=timezone.now)
    updated_at = DateTimeField(default=timezone.now)

    meta = {
        "collection": "videos",
        "indexes": [
            {"fields": ["is_listed", "-published_at", "-id"]},
            {"fields": ["is_listed", "-views", "-id"]},
            {"fields": ["is_listed", "owner_id", "-published_at", "-id"]},
            {"fields": ["is_listed", "kind", "-published_at", "-id"]},
            # A channel's podcast: its listed items of one kind.
            {"fields": ["is_listed", "owner_id", "kind", "-published_at", "-id"]},
            # The catalogue by tag, and up next's items sharing tags (other channels').
            {"fields": ["is_listed", "tags", "-published_at", "-id", "owner_id"]},
            {"fields": ["is_listed", "search_tokens", "-published_at", "-id"]},
            # Search: the words, then the kind and duration filters.
            {"fields": ["is_listed", "search_tokens", "kind", "duration"]},
            {"fields": ["owner_id", "-created_at", "-id"]},
            {"fields": ["owner_id", "-views", "-id"]},
            {"fields": ["owner_id", "-likes", "-id"]},
            {"fields": ["status", "heartbeat_at"]},
            # The moderation console's item lists: every item, by status or by words.
            {"fields": ["status", "-id"]},
            {"fields": ["search_tokens", "-id"]},
        ],
    }


class WatchEntry(Document):
    """A signed-in user's latest watch of one item; expires HISTORY_DAYS after that watch.

    The flags say whether the history shows it now (videos.listing keeps them current; always
    True on the owner's own items), so its query leaves hidden entries out and pages are full.
    """

    user_id = ObjectIdField(required=True)
    video_id = ObjectIdField(required=True)
    owner_id = ObjectIdField(null=True)
    watched_at = DateTimeField(default=timezone.now)
    position = FloatField(null=True)
    # False while the item is unpublished, not ready or private.
    video_open = BooleanField(default=True)
    # False while the item's owner is suspended.
    owner_active = BooleanField(default=True)

    meta = {
        "collection": "watch_history",
        "shard_key": ("user_id",),
        "indexes": [
            {"fields": ["user_id", "video_id"], "unique": True},
            {"fields": ["user_id", "video_open", "owner_active", "-watched_at", "-id"]},
            # Re-flagging every viewer's entry when an item or its owner changes (not the owner's).
            {"fields": ["video_id", "video_open", "user_id"]},
            {"fields": ["owner_id", "owner_active", "user_id"]},
            {"fields": ["watched_at"], "expireAfterSeconds": HISTORY_DAYS * 24 * 3600},
        ],
    }


class VideoDailyStats(Document):
    """Per-item, per-day figures the view, watch, like and comment flushes fold in."""

    video_id = ObjectIdField(required=True)
    owner_id = ObjectIdField(required=True)
    day = StringField(required=True)
    views = IntField(default=0)
    views_batches = ListField(StringField())
    likes = IntField(default=0)  # net: likes minus unlikes that day
    likes_batches = ListField(StringField())
    comments = IntField(default=0)  # net: comments published minus comments removed that day
    comments_batches = ListField(StringField())
    watch_seconds = FloatField(default=0.0)  # watched that day by everyone but the owner
    # How far each counted view got: {"percent bucket 0-99": views whose furthest point is there}.
    reach = DictField()
    watch_batches = ListField(StringField())

    meta = {
        "collection": "video_daily_stats",
        "shard_key": ("video_id",),
        "indexes": [
            {"fields": ["video_id", "day"], "unique": True},
            {"fields": ["owner_id", "day"]},
            # Trending: every item's days in the longest window.
            {"fields": ["day"]},
        ],
    }


class CaptionTrack(Document):
    """One language's captions of an item, as cues: videos.captions writes them, and the
    plain WebVTT file and the HLS subtitle segments are written from them when asked for."""

    video_id = ObjectIdField(required=True)
    lang = StringField(required=True, max_length=35)  # a canonical BCP 47 tag
    label = StringField(required=True, max_length=60)
    source_format = StringField(choices=("vtt", "srt"), required=True)
    cue_count = IntField(required=True)
    # Ordered by start: [start ms, end ms, WebVTT settings, text] each.
    cues = ListField(ListField(), required=True)
    created_at = DateTimeField(default=timezone.now)
    updated_at = DateTimeField(default=timezone.now)

    meta = {
        "collection": "caption_tracks",
        "indexes": [
            {"fields": ["video_id", "lang"], "unique": True},
            # An item's tracks, paged by language then id.
            {"fields": ["video_id", "lang", "id"]},
        ],
    }


class LivePlaylist(Document):
    """A playlist of an item's HLS as processing writes it, served until the item is ready.

    Kept per run (`prefix` holds the run's token), so a run that lost its claim never replaces
    what the current run published; processing deletes them when it ends, the TTL index what a
    crashed run left.
    """

    video_id = ObjectIdField(required=True)
    prefix = StringField(required=True)
    path = StringField(required=True)
    text = StringField(required=True)
    updated_at = DateTimeField(default=timezone.now)

    meta = {
        "collection": "live_playlists",
        "indexes": [
            {"fields": ["video_id", "prefix", "path"], "unique": True},
            {"fields": ["updated_at"], "expireAfterSeconds": 2 * 24 * 3600},
        ],
    }
