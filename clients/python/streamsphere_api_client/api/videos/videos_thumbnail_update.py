from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.thumbnail_frame_request import ThumbnailFrameRequest
from ...models.thumbnail_request import ThumbnailRequest
from ...models.video import Video
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: ThumbnailRequest | ThumbnailFrameRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/videos/{id}/thumbnail".format(
            id=quote(str(id), safe=""),
        ),
    }

    if isinstance(body, ThumbnailRequest):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"
    if isinstance(body, ThumbnailFrameRequest):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Video | None:
    if response.status_code == 200:
        response_200 = Video.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Video]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ThumbnailRequest | ThumbnailFrameRequest | Unset = UNSET,
) -> Response[Error | Video]:
    """Replace the thumbnail with an image (multipart), or with the frame at a time (JSON {at}: one of
    thumbnail_candidates, or any moment of a ready video)

     Media items: video and audio.

    Args:
        id (str):
        body (ThumbnailRequest):
        body (ThumbnailFrameRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Video]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ThumbnailRequest | ThumbnailFrameRequest | Unset = UNSET,
) -> Error | Video | None:
    """Replace the thumbnail with an image (multipart), or with the frame at a time (JSON {at}: one of
    thumbnail_candidates, or any moment of a ready video)

     Media items: video and audio.

    Args:
        id (str):
        body (ThumbnailRequest):
        body (ThumbnailFrameRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Video
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ThumbnailRequest | ThumbnailFrameRequest | Unset = UNSET,
) -> Response[Error | Video]:
    """Replace the thumbnail with an image (multipart), or with the frame at a time (JSON {at}: one of
    thumbnail_candidates, or any moment of a ready video)

     Media items: video and audio.

    Args:
        id (str):
        body (ThumbnailRequest):
        body (ThumbnailFrameRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Video]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ThumbnailRequest | ThumbnailFrameRequest | Unset = UNSET,
) -> Error | Video | None:
    """Replace the thumbnail with an image (multipart), or with the frame at a time (JSON {at}: one of
    thumbnail_candidates, or any moment of a ready video)

     Media items: video and audio.

    Args:
        id (str):
        body (ThumbnailRequest):
        body (ThumbnailFrameRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Video
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
