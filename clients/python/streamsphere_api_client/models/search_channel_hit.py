from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.channel import Channel


T = TypeVar("T", bound="SearchChannelHit")


@_attrs_define
class SearchChannelHit:
    """A channel found.

    Attributes:
        type_ (Literal['channel']):
        video (None):
        channel (Channel): A channel: the user as anyone sees them, with its figures; needs channel_context.
        playlist (None):
    """

    type_: Literal["channel"]
    video: None
    channel: Channel
    playlist: None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        video = self.video

        channel = self.channel.to_dict()

        playlist = self.playlist

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
        from ..models.channel import Channel  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["channel"], d.pop("type"))
        if type_ != "channel":
            raise ValueError(f"type must match const 'channel', got '{type_}'")

        video = d.pop("video")

        channel = Channel.from_dict(d.pop("channel"))

        playlist = d.pop("playlist")

        search_channel_hit = cls(
            type_=type_,
            video=video,
            channel=channel,
            playlist=playlist,
        )

        search_channel_hit.additional_properties = d
        return search_channel_hit

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
