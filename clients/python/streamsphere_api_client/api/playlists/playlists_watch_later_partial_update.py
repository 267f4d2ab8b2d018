from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.patched_watch_later_update_request import PatchedWatchLaterUpdateRequest
from ...models.playlist import Playlist
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PatchedWatchLaterUpdateRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/playlists/watch-later",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Playlist | None:
    if response.status_code == 200:
        response_200 = Playlist.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Playlist]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PatchedWatchLaterUpdateRequest | Unset = UNSET,
) -> Response[Error | Playlist]:
    """Describe my Watch later list (its name and visibility stay)

     Playlists: ordered lists of items. `/playlists/watch-later` names the caller's own
    Watch later list (private, created on first use) wherever a playlist id stands.

    Args:
        body (PatchedWatchLaterUpdateRequest | Unset): Watch later keeps its name and visibility;
            only its description changes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Playlist]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PatchedWatchLaterUpdateRequest | Unset = UNSET,
) -> Error | Playlist | None:
    """Describe my Watch later list (its name and visibility stay)

     Playlists: ordered lists of items. `/playlists/watch-later` names the caller's own
    Watch later list (private, created on first use) wherever a playlist id stands.

    Args:
        body (PatchedWatchLaterUpdateRequest | Unset): Watch later keeps its name and visibility;
            only its description changes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Playlist
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PatchedWatchLaterUpdateRequest | Unset = UNSET,
) -> Response[Error | Playlist]:
    """Describe my Watch later list (its name and visibility stay)

     Playlists: ordered lists of items. `/playlists/watch-later` names the caller's own
    Watch later list (private, created on first use) wherever a playlist id stands.

    Args:
        body (PatchedWatchLaterUpdateRequest | Unset): Watch later keeps its name and visibility;
            only its description changes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Playlist]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PatchedWatchLaterUpdateRequest | Unset = UNSET,
) -> Error | Playlist | None:
    """Describe my Watch later list (its name and visibility stay)

     Playlists: ordered lists of items. `/playlists/watch-later` names the caller's own
    Watch later list (private, created on first use) wherever a playlist id stands.

    Args:
        body (PatchedWatchLaterUpdateRequest | Unset): Watch later keeps its name and visibility;
            only its description changes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Playlist
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
