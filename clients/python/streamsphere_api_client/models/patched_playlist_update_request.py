from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.visibility_enum import VisibilityEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedPlaylistUpdateRequest")


@_attrs_define
class PatchedPlaylistUpdateRequest:
    """
    Attributes:
        name (str | Unset): 1 to 150 characters, not all blank; leading and trailing spaces are trimmed.
        description (str | Unset):
        visibility (VisibilityEnum | Unset): * `public` - public
            * `unlisted` - unlisted
            * `private` - private
    """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    visibility: VisibilityEnum | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        visibility: str | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if visibility is not UNSET:
            field_dict["visibility"] = visibility

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        _visibility = d.pop("visibility", UNSET)
        visibility: VisibilityEnum | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = VisibilityEnum(_visibility)

        patched_playlist_update_request = cls(
            name=name,
            description=description,
            visibility=visibility,
        )

        return patched_playlist_update_request
