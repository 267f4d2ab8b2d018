from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.playlist import Playlist
from ...models.playlist_create_multipart_request import PlaylistCreateMultipartRequest
from ...models.playlist_create_request import PlaylistCreateRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PlaylistCreateRequest | PlaylistCreateMultipartRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/playlists",
    }

    if isinstance(body, PlaylistCreateRequest):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, PlaylistCreateMultipartRequest):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Playlist | None:
    if response.status_code == 201:
        response_201 = Playlist.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

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
    body: PlaylistCreateRequest | PlaylistCreateMultipartRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Playlist]:
    """Create a playlist (multipart to send a thumbnail along)

     Playlists: ordered lists of items. `/playlists/watch-later` names the caller's own
    Watch later list (private, created on first use) wherever a playlist id stands.

    Args:
        idempotency_key (str | Unset):
        body (PlaylistCreateRequest): As JSON; thumbnail only in a multipart form
            (PlaylistCreateMultipartRequest).
        body (PlaylistCreateMultipartRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Playlist]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PlaylistCreateRequest | PlaylistCreateMultipartRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Error | Playlist | None:
    """Create a playlist (multipart to send a thumbnail along)

     Playlists: ordered lists of items. `/playlists/watch-later` names the caller's own
    Watch later list (private, created on first use) wherever a playlist id stands.

    Args:
        idempotency_key (str | Unset):
        body (PlaylistCreateRequest): As JSON; thumbnail only in a multipart form
            (PlaylistCreateMultipartRequest).
        body (PlaylistCreateMultipartRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Playlist
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PlaylistCreateRequest | PlaylistCreateMultipartRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Error | Playlist]:
    """Create a playlist (multipart to send a thumbnail along)

     Playlists: ordered lists of items. `/playlists/watch-later` names the caller's own
    Watch later list (private, created on first use) wherever a playlist id stands.

    Args:
        idempotency_key (str | Unset):
        body (PlaylistCreateRequest): As JSON; thumbnail only in a multipart form
            (PlaylistCreateMultipartRequest).
        body (PlaylistCreateMultipartRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Playlist]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PlaylistCreateRequest | PlaylistCreateMultipartRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Error | Playlist | None:
    """Create a playlist (multipart to send a thumbnail along)

     Playlists: ordered lists of items. `/playlists/watch-later` names the caller's own
    Watch later list (private, created on first use) wherever a playlist id stands.

    Args:
        idempotency_key (str | Unset):
        body (PlaylistCreateRequest): As JSON; thumbnail only in a multipart form
            (PlaylistCreateMultipartRequest).
        body (PlaylistCreateMultipartRequest):

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
            idempotency_key=idempotency_key,
        )
    ).parsed
