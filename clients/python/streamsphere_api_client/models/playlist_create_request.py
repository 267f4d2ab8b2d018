from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.visibility_enum import VisibilityEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PlaylistCreateRequest")


@_attrs_define
class PlaylistCreateRequest:
    """As JSON; thumbnail only in a multipart form (PlaylistCreateMultipartRequest).

    Attributes:
        name (str): 1 to 150 characters, not all blank; leading and trailing spaces are trimmed.
        description (str | Unset):
        visibility (VisibilityEnum | Unset): * `public` - public
            * `unlisted` - unlisted
            * `private` - private
    """

    name: str
    description: str | Unset = UNSET
    visibility: VisibilityEnum | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        visibility: str | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if visibility is not UNSET:
            field_dict["visibility"] = visibility

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description", UNSET)

        _visibility = d.pop("visibility", UNSET)
        visibility: VisibilityEnum | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = VisibilityEnum(_visibility)

        playlist_create_request = cls(
            name=name,
            description=description,
            visibility=visibility,
        )

        return playlist_create_request
