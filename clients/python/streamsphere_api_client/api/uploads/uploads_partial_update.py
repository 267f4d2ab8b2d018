from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.uploads_partial_update_tus_resumable import UploadsPartialUpdateTusResumable
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: File | Unset = UNSET,
    tus_resumable: UploadsPartialUpdateTusResumable,
    upload_checksum: str | Unset = UNSET,
    upload_offset: int,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Tus-Resumable"] = str(tus_resumable)

    if not isinstance(upload_checksum, Unset):
        headers["Upload-Checksum"] = upload_checksum

    headers["Upload-Offset"] = str(upload_offset)

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/uploads/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/offset+octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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

    if response.status_code == 412:
        response_412 = Error.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if response.status_code == 423:
        response_423 = Error.from_dict(response.json())

        return response_423

    if response.status_code == 460:
        response_460 = Error.from_dict(response.json())

        return response_460

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error]:
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
    body: File | Unset = UNSET,
    tus_resumable: UploadsPartialUpdateTusResumable,
    upload_checksum: str | Unset = UNSET,
    upload_offset: int,
) -> Response[Any | Error]:
    """Add bytes at Upload-Offset (the last byte attaches the file to the item)

     Resumable uploads (tus 1.0) of a media item's file.

    Args:
        id (str):
        tus_resumable (UploadsPartialUpdateTusResumable):
        upload_checksum (str | Unset):
        upload_offset (int):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        tus_resumable=tus_resumable,
        upload_checksum=upload_checksum,
        upload_offset=upload_offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: File | Unset = UNSET,
    tus_resumable: UploadsPartialUpdateTusResumable,
    upload_checksum: str | Unset = UNSET,
    upload_offset: int,
) -> Any | Error | None:
    """Add bytes at Upload-Offset (the last byte attaches the file to the item)

     Resumable uploads (tus 1.0) of a media item's file.

    Args:
        id (str):
        tus_resumable (UploadsPartialUpdateTusResumable):
        upload_checksum (str | Unset):
        upload_offset (int):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        tus_resumable=tus_resumable,
        upload_checksum=upload_checksum,
        upload_offset=upload_offset,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: File | Unset = UNSET,
    tus_resumable: UploadsPartialUpdateTusResumable,
    upload_checksum: str | Unset = UNSET,
    upload_offset: int,
) -> Response[Any | Error]:
    """Add bytes at Upload-Offset (the last byte attaches the file to the item)

     Resumable uploads (tus 1.0) of a media item's file.

    Args:
        id (str):
        tus_resumable (UploadsPartialUpdateTusResumable):
        upload_checksum (str | Unset):
        upload_offset (int):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        tus_resumable=tus_resumable,
        upload_checksum=upload_checksum,
        upload_offset=upload_offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: File | Unset = UNSET,
    tus_resumable: UploadsPartialUpdateTusResumable,
    upload_checksum: str | Unset = UNSET,
    upload_offset: int,
) -> Any | Error | None:
    """Add bytes at Upload-Offset (the last byte attaches the file to the item)

     Resumable uploads (tus 1.0) of a media item's file.

    Args:
        id (str):
        tus_resumable (UploadsPartialUpdateTusResumable):
        upload_checksum (str | Unset):
        upload_offset (int):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            tus_resumable=tus_resumable,
            upload_checksum=upload_checksum,
            upload_offset=upload_offset,
        )
    ).parsed
