from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_playlist_summary_list import PaginatedPlaylistSummaryList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    contains: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    owner: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["contains"] = contains

    params["cursor"] = cursor

    params["limit"] = limit

    params["owner"] = owner

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/playlists",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedPlaylistSummaryList | None:
    if response.status_code == 200:
        response_200 = PaginatedPlaylistSummaryList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | PaginatedPlaylistSummaryList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    contains: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    owner: str | Unset = UNSET,
) -> Response[Error | PaginatedPlaylistSummaryList]:
    """My playlists, or a channel's public ones

     Playlists: ordered lists of items. `/playlists/watch-later` names the caller's own
    Watch later list (private, created on first use) wherever a playlist id stands.

    Args:
        contains (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):
        owner (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedPlaylistSummaryList]
    """

    kwargs = _get_kwargs(
        contains=contains,
        cursor=cursor,
        limit=limit,
        owner=owner,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    contains: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    owner: str | Unset = UNSET,
) -> Error | PaginatedPlaylistSummaryList | None:
    """My playlists, or a channel's public ones

     Playlists: ordered lists of items. `/playlists/watch-later` names the caller's own
    Watch later list (private, created on first use) wherever a playlist id stands.

    Args:
        contains (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):
        owner (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedPlaylistSummaryList
    """

    return sync_detailed(
        client=client,
        contains=contains,
        cursor=cursor,
        limit=limit,
        owner=owner,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    contains: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    owner: str | Unset = UNSET,
) -> Response[Error | PaginatedPlaylistSummaryList]:
    """My playlists, or a channel's public ones

     Playlists: ordered lists of items. `/playlists/watch-later` names the caller's own
    Watch later list (private, created on first use) wherever a playlist id stands.

    Args:
        contains (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):
        owner (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedPlaylistSummaryList]
    """

    kwargs = _get_kwargs(
        contains=contains,
        cursor=cursor,
        limit=limit,
        owner=owner,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    contains: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    owner: str | Unset = UNSET,
) -> Error | PaginatedPlaylistSummaryList | None:
    """My playlists, or a channel's public ones

     Playlists: ordered lists of items. `/playlists/watch-later` names the caller's own
    Watch later list (private, created on first use) wherever a playlist id stands.

    Args:
        contains (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):
        owner (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedPlaylistSummaryList
    """

    return (
        await asyncio_detailed(
            client=client,
            contains=contains,
            cursor=cursor,
            limit=limit,
            owner=owner,
        )
    ).parsed
