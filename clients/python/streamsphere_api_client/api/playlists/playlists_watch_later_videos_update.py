from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.item_put_request import ItemPutRequest
from ...models.playlist_entry import PlaylistEntry
from ...types import UNSET, Response, Unset


def _get_kwargs(
    video_id: str,
    *,
    body: ItemPutRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/playlists/watch-later/videos/{video_id}".format(
            video_id=quote(str(video_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PlaylistEntry | None:
    if response.status_code == 200:
        response_200 = PlaylistEntry.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = PlaylistEntry.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | PlaylistEntry]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    video_id: str,
    *,
    client: AuthenticatedClient,
    body: ItemPutRequest | Unset = UNSET,
) -> Response[Error | PlaylistEntry]:
    """Add an item at the end or at a position (201); already there: 200

     Idempotent: an item is in a playlist once. Given a position, an item already there moves to it. A
    full playlist (PLAYLIST_MAX_ITEMS) answers 409 playlist_full.

    Args:
        video_id (str):
        body (ItemPutRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PlaylistEntry]
    """

    kwargs = _get_kwargs(
        video_id=video_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    video_id: str,
    *,
    client: AuthenticatedClient,
    body: ItemPutRequest | Unset = UNSET,
) -> Error | PlaylistEntry | None:
    """Add an item at the end or at a position (201); already there: 200

     Idempotent: an item is in a playlist once. Given a position, an item already there moves to it. A
    full playlist (PLAYLIST_MAX_ITEMS) answers 409 playlist_full.

    Args:
        video_id (str):
        body (ItemPutRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PlaylistEntry
    """

    return sync_detailed(
        video_id=video_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    video_id: str,
    *,
    client: AuthenticatedClient,
    body: ItemPutRequest | Unset = UNSET,
) -> Response[Error | PlaylistEntry]:
    """Add an item at the end or at a position (201); already there: 200

     Idempotent: an item is in a playlist once. Given a position, an item already there moves to it. A
    full playlist (PLAYLIST_MAX_ITEMS) answers 409 playlist_full.

    Args:
        video_id (str):
        body (ItemPutRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PlaylistEntry]
    """

    kwargs = _get_kwargs(
        video_id=video_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    video_id: str,
    *,
    client: AuthenticatedClient,
    body: ItemPutRequest | Unset = UNSET,
) -> Error | PlaylistEntry | None:
    """Add an item at the end or at a position (201); already there: 200

     Idempotent: an item is in a playlist once. Given a position, an item already there moves to it. A
    full playlist (PLAYLIST_MAX_ITEMS) answers 409 playlist_full.

    Args:
        video_id (str):
        body (ItemPutRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PlaylistEntry
    """

    return (
        await asyncio_detailed(
            video_id=video_id,
            client=client,
            body=body,
        )
    ).parsed
