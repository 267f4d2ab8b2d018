from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.playlist_summary import PlaylistSummary


T = TypeVar("T", bound="SearchPlaylistHit")


@_attrs_define
class SearchPlaylistHit:
    """A playlist found.

    Attributes:
        type_ (Literal['playlist']):
        video (None):
        channel (None):
        playlist (PlaylistSummary): A playlist in a list, without its items.
    """

    type_: Literal["playlist"]
    video: None
    channel: None
    playlist: PlaylistSummary
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        video = self.video

        channel = self.channel

        playlist = self.playlist.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "video": video,
                "channel": channel,
                "playlist": playlist,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.playlist_summary import PlaylistSummary  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["playlist"], d.pop("type"))
        if type_ != "playlist":
            raise ValueError(f"type must match const 'playlist', got '{type_}'")

        video = d.pop("video")

        channel = d.pop("channel")

        playlist = PlaylistSummary.from_dict(d.pop("playlist"))

        search_playlist_hit = cls(
            type_=type_,
            video=video,
            channel=channel,
            playlist=playlist,
        )

        search_playlist_hit.additional_properties = d
        return search_playlist_hit

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
