from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.playlist_kind_enum import PlaylistKindEnum
from ..models.visibility_enum import VisibilityEnum

if TYPE_CHECKING:
    from ..models.user import User


T = TypeVar("T", bound="PlaylistSummary")


@_attrs_define
class PlaylistSummary:
    """A playlist in a list, without its items.

    Attributes:
        id (str):
        name (str):
        description (str):
        kind (PlaylistKindEnum): * `regular` - regular
            * `watch_later` - watch_later
        visibility (VisibilityEnum): * `public` - public
            * `unlisted` - unlisted
            * `private` - private
        thumbnail_url (None | str):
        owner (None | User):
        videos_count (int): Items the caller may see.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        contains_video (bool | None): With ?contains=: whether that item is in this playlist.
    """

    id: str
    name: str
    description: str
    kind: PlaylistKindEnum
    visibility: VisibilityEnum
    thumbnail_url: None | str
    owner: None | User
    videos_count: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    contains_video: bool | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.user import User  # noqa: PLC0415

        id = self.id

        name = self.name

        description = self.description

        kind = self.kind.value

        visibility = self.visibility.value

        thumbnail_url: None | str
        thumbnail_url = self.thumbnail_url

        owner: dict[str, Any] | None
        if isinstance(self.owner, User):
            owner = self.owner.to_dict()
        else:
            owner = self.owner

        videos_count = self.videos_count

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        contains_video: bool | None
        contains_video = self.contains_video

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "kind": kind,
                "visibility": visibility,
                "thumbnail_url": thumbnail_url,
                "owner": owner,
                "videos_count": videos_count,
                "created_at": created_at,
                "updated_at": updated_at,
                "contains_video": contains_video,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        kind = PlaylistKindEnum(d.pop("kind"))

        visibility = VisibilityEnum(d.pop("visibility"))

        def _parse_thumbnail_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        thumbnail_url = _parse_thumbnail_url(d.pop("thumbnail_url"))

        def _parse_owner(data: object) -> None | User:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                owner_type_0 = User.from_dict(data)

                return owner_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | User, data)

        owner = _parse_owner(d.pop("owner"))

        videos_count = d.pop("videos_count")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_contains_video(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        contains_video = _parse_contains_video(d.pop("contains_video"))

        playlist_summary = cls(
            id=id,
            name=name,
            description=description,
            kind=kind,
            visibility=visibility,
            thumbnail_url=thumbnail_url,
            owner=owner,
            videos_count=videos_count,
            created_at=created_at,
            updated_at=updated_at,
            contains_video=contains_video,
        )

        playlist_summary.additional_properties = d
        return playlist_summary

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
