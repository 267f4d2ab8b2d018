from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.caption_track import CaptionTrack
from ...models.caption_upload_request import CaptionUploadRequest
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    id: str,
    lang: str,
    *,
    body: CaptionUploadRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/videos/{id}/captions/{lang}".format(
            id=quote(str(id), safe=""),
            lang=quote(str(lang), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CaptionTrack | Error | None:
    if response.status_code == 200:
        response_200 = CaptionTrack.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = CaptionTrack.from_dict(response.json())

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
) -> Response[CaptionTrack | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    lang: str,
    *,
    client: AuthenticatedClient,
    body: CaptionUploadRequest,
) -> Response[CaptionTrack | Error]:
    """Set the captions of one language from a WebVTT or SRT file (201 new, 200 replaced); every cue must
    end within the item

     An item's caption tracks, one per language.

    Args:
        id (str):
        lang (str):
        body (CaptionUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaptionTrack | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        lang=lang,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    lang: str,
    *,
    client: AuthenticatedClient,
    body: CaptionUploadRequest,
) -> CaptionTrack | Error | None:
    """Set the captions of one language from a WebVTT or SRT file (201 new, 200 replaced); every cue must
    end within the item

     An item's caption tracks, one per language.

    Args:
        id (str):
        lang (str):
        body (CaptionUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaptionTrack | Error
    """

    return sync_detailed(
        id=id,
        lang=lang,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    lang: str,
    *,
    client: AuthenticatedClient,
    body: CaptionUploadRequest,
) -> Response[CaptionTrack | Error]:
    """Set the captions of one language from a WebVTT or SRT file (201 new, 200 replaced); every cue must
    end within the item

     An item's caption tracks, one per language.

    Args:
        id (str):
        lang (str):
        body (CaptionUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaptionTrack | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        lang=lang,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    lang: str,
    *,
    client: AuthenticatedClient,
    body: CaptionUploadRequest,
) -> CaptionTrack | Error | None:
    """Set the captions of one language from a WebVTT or SRT file (201 new, 200 replaced); every cue must
    end within the item

     An item's caption tracks, one per language.

    Args:
        id (str):
        lang (str):
        body (CaptionUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaptionTrack | Error
    """

    return (
        await asyncio_detailed(
            id=id,
            lang=lang,
            client=client,
            body=body,
        )
    ).parsed
