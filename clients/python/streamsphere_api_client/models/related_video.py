from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chapters_source_enum import ChaptersSourceEnum
from ..models.comments_policy_enum import CommentsPolicyEnum
from ..models.kind_enum import KindEnum
from ..models.related_video_reason_enum import RelatedVideoReasonEnum
from ..models.video_status_enum import VideoStatusEnum
from ..models.visibility_enum import VisibilityEnum

if TYPE_CHECKING:
    from ..models.chapter import Chapter
    from ..models.rendition import Rendition
    from ..models.thumbnail_candidate import ThumbnailCandidate
    from ..models.user import User


T = TypeVar("T", bound="RelatedVideo")


@_attrs_define
class RelatedVideo:
    """An item to watch next and why: needs `related` ({item id: Related}) in the context.

    Attributes:
        id (str):
        title (str):
        description (str):
        kind (KindEnum): * `video` - video
            * `audio` - audio
        genre (str):
        visibility (VisibilityEnum): * `public` - public
            * `unlisted` - unlisted
            * `private` - private
        published (bool):
        status (VideoStatusEnum): * `draft` - draft
            * `uploaded` - uploaded
            * `processing` - processing
            * `ready` - ready
            * `failed` - failed
        failure_reason (str):
        progress (float):
        duration (float | None):
        width (int | None):
        height (int | None):
        thumbnail_url (None | str):
        stream_url (None | str):
        hls_url (None | str): The HLS master playlist: once ready, and already while processing once the first segments
            are out (an EVENT playlist that ends when the item is ready).
        storyboard_url (None | str): WebVTT thumbnails track for the seek bar (cues point into one sprite sheet).
        thumbnail_candidates (list[ThumbnailCandidate]):
        loudness_lufs (float | None): EBU R128 integrated loudness of the source; null if silent.
        gain_db (float | None): Gain to -14 LUFS, held so the true peak stays under -1 dBTP.
        gain_applied (bool): The renditions carry gain_db already (audio items); else a player may apply it.
        renditions (list[Rendition]):
        views (int):
        views_count (int): The same figure as views.
        likes (int):
        likes_count (int): The same figure as likes.
        is_liked (bool):
        comments_count (int):
        comments_policy (CommentsPolicyEnum): * `enabled` - enabled
            * `approval` - approval
            * `disabled` - disabled
        hold_links (bool):
        chapters (list[Chapter]):
        chapters_source (ChaptersSourceEnum): * `custom` - custom
            * `description` - description
        chapters_url (None | str):
        owner (User): A user as anyone may see them.
        tags (list[str]):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        published_at (datetime.datetime | None):
        reason (RelatedVideoReasonEnum):
        score (float): co_watch, co_like: viewers who made the pair, each 1 when fresh and halving every
            RELATED_HALF_LIFE_DAYS; tags: tags shared; channel: recency, 1 when new.
    """

    id: str
    title: str
    description: str
    kind: KindEnum
    genre: str
    visibility: VisibilityEnum
    published: bool
    status: VideoStatusEnum
    failure_reason: str
    progress: float
    duration: float | None
    width: int | None
    height: int | None
    thumbnail_url: None | str
    stream_url: None | str
    hls_url: None | str
    storyboard_url: None | str
    thumbnail_candidates: list[ThumbnailCandidate]
    loudness_lufs: float | None
    gain_db: float | None
    gain_applied: bool
    renditions: list[Rendition]
    views: int
    views_count: int
    likes: int
    likes_count: int
    is_liked: bool
    comments_count: int
    comments_policy: CommentsPolicyEnum
    hold_links: bool
    chapters: list[Chapter]
    chapters_source: ChaptersSourceEnum
    chapters_url: None | str
    owner: User
    tags: list[str]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    published_at: datetime.datetime | None
    reason: RelatedVideoReasonEnum
    score: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        description = self.description

        kind = self.kind.value

        genre = self.genre

        visibility = self.visibility.value

        published = self.published

        status = self.status.value

        failure_reason = self.failure_reason

        progress = self.progress

        duration: float | None
        duration = self.duration

        width: int | None
        width = self.width

        height: int | None
        height = self.height

        thumbnail_url: None | str
        thumbnail_url = self.thumbnail_url

        stream_url: None | str
        stream_url = self.stream_url

        hls_url: None | str
        hls_url = self.hls_url

        storyboard_url: None | str
        storyboard_url = self.storyboard_url

        thumbnail_candidates = []
        for thumbnail_candidates_item_data in self.thumbnail_candidates:
            thumbnail_candidates_item = thumbnail_candidates_item_data.to_dict()
            thumbnail_candidates.append(thumbnail_candidates_item)

        loudness_lufs: float | None
        loudness_lufs = self.loudness_lufs

        gain_db: float | None
        gain_db = self.gain_db

        gain_applied = self.gain_applied

        renditions = []
        for renditions_item_data in self.renditions:
            renditions_item = renditions_item_data.to_dict()
            renditions.append(renditions_item)

        views = self.views

        views_count = self.views_count

        likes = self.likes

        likes_count = self.likes_count

        is_liked = self.is_liked

        comments_count = self.comments_count

        comments_policy = self.comments_policy.value

        hold_links = self.hold_links

        chapters = []
        for chapters_item_data in self.chapters:
            chapters_item = chapters_item_data.to_dict()
            chapters.append(chapters_item)

        chapters_source = self.chapters_source.value

        chapters_url: None | str
        chapters_url = self.chapters_url

        owner = self.owner.to_dict()

        tags = self.tags

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        reason = self.reason.value

        score = self.score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "description": description,
                "kind": kind,
                "genre": genre,
                "visibility": visibility,
                "published": published,
                "status": status,
                "failure_reason": failure_reason,
                "progress": progress,
                "duration": duration,
                "width": width,
                "height": height,
                "thumbnail_url": thumbnail_url,
                "stream_url": stream_url,
                "hls_url": hls_url,
                "storyboard_url": storyboard_url,
                "thumbnail_candidates": thumbnail_candidates,
                "loudness_lufs": loudness_lufs,
                "gain_db": gain_db,
                "gain_applied": gain_applied,
                "renditions": renditions,
                "views": views,
                "views_count": views_count,
                "likes": likes,
                "likes_count": likes_count,
                "is_liked": is_liked,
                "comments_count": comments_count,
                "comments_policy": comments_policy,
                "hold_links": hold_links,
                "chapters": chapters,
                "chapters_source": chapters_source,
                "chapters_url": chapters_url,
                "owner": owner,
                "tags": tags,
                "created_at": created_at,
                "updated_at": updated_at,
                "published_at": published_at,
                "reason": reason,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chapter import Chapter  # noqa: PLC0415
        from ..models.rendition import Rendition  # noqa: PLC0415
        from ..models.thumbnail_candidate import ThumbnailCandidate  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        description = d.pop("description")

        kind = KindEnum(d.pop("kind"))

        genre = d.pop("genre")

        visibility = VisibilityEnum(d.pop("visibility"))

        published = d.pop("published")

        status = VideoStatusEnum(d.pop("status"))

        failure_reason = d.pop("failure_reason")

        progress = d.pop("progress")

        def _parse_duration(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        duration = _parse_duration(d.pop("duration"))

        def _parse_width(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        width = _parse_width(d.pop("width"))

        def _parse_height(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        height = _parse_height(d.pop("height"))

        def _parse_thumbnail_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        thumbnail_url = _parse_thumbnail_url(d.pop("thumbnail_url"))

        def _parse_stream_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        stream_url = _parse_stream_url(d.pop("stream_url"))

        def _parse_hls_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        hls_url = _parse_hls_url(d.pop("hls_url"))

        def _parse_storyboard_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        storyboard_url = _parse_storyboard_url(d.pop("storyboard_url"))

        thumbnail_candidates = []
        _thumbnail_candidates = d.pop("thumbnail_candidates")
        for thumbnail_candidates_item_data in _thumbnail_candidates:
            thumbnail_candidates_item = ThumbnailCandidate.from_dict(thumbnail_candidates_item_data)

            thumbnail_candidates.append(thumbnail_candidates_item)

        def _parse_loudness_lufs(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        loudness_lufs = _parse_loudness_lufs(d.pop("loudness_lufs"))

        def _parse_gain_db(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        gain_db = _parse_gain_db(d.pop("gain_db"))

        gain_applied = d.pop("gain_applied")

        renditions = []
        _renditions = d.pop("renditions")
        for renditions_item_data in _renditions:
            renditions_item = Rendition.from_dict(renditions_item_data)

            renditions.append(renditions_item)

        views = d.pop("views")

        views_count = d.pop("views_count")

        likes = d.pop("likes")

        likes_count = d.pop("likes_count")

        is_liked = d.pop("is_liked")

        comments_count = d.pop("comments_count")

        comments_policy = CommentsPolicyEnum(d.pop("comments_policy"))

        hold_links = d.pop("hold_links")

        chapters = []
        _chapters = d.pop("chapters")
        for chapters_item_data in _chapters:
            chapters_item = Chapter.from_dict(chapters_item_data)

            chapters.append(chapters_item)

        chapters_source = ChaptersSourceEnum(d.pop("chapters_source"))

        def _parse_chapters_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        chapters_url = _parse_chapters_url(d.pop("chapters_url"))

        owner = User.from_dict(d.pop("owner"))

        tags = cast(list[str], d.pop("tags"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))

        reason = RelatedVideoReasonEnum(d.pop("reason"))

        score = d.pop("score")

        related_video = cls(
            id=id,
            title=title,
            description=description,
            kind=kind,
            genre=genre,
            visibility=visibility,
            published=published,
            status=status,
            failure_reason=failure_reason,
            progress=progress,
            duration=duration,
            width=width,
            height=height,
            thumbnail_url=thumbnail_url,
            stream_url=stream_url,
            hls_url=hls_url,
            storyboard_url=storyboard_url,
            thumbnail_candidates=thumbnail_candidates,
            loudness_lufs=loudness_lufs,
            gain_db=gain_db,
            gain_applied=gain_applied,
            renditions=renditions,
            views=views,
            views_count=views_count,
            likes=likes,
            likes_count=likes_count,
            is_liked=is_liked,
            comments_count=comments_count,
            comments_policy=comments_policy,
            hold_links=hold_links,
            chapters=chapters,
            chapters_source=chapters_source,
            chapters_url=chapters_url,
            owner=owner,
            tags=tags,
            created_at=created_at,
            updated_at=updated_at,
            published_at=published_at,
            reason=reason,
            score=score,
        )

        related_video.additional_properties = d
        return related_video

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
