from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.upload import Upload
from ...models.uploads_create_tus_resumable import UploadsCreateTusResumable
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: File | Unset = UNSET,
    tus_resumable: UploadsCreateTusResumable,
    upload_checksum: str | Unset = UNSET,
    upload_length: int,
    upload_metadata: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Tus-Resumable"] = str(tus_resumable)

    if not isinstance(upload_checksum, Unset):
        headers["Upload-Checksum"] = upload_checksum

    headers["Upload-Length"] = str(upload_length)

    headers["Upload-Metadata"] = upload_metadata

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/uploads/",
    }

    if not isinstance(body, Unset):
        _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/offset+octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Upload | None:
    if response.status_code == 201:
        response_201 = Upload.from_dict(response.json())

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

    if response.status_code == 412:
        response_412 = Error.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Upload]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: File | Unset = UNSET,
    tus_resumable: UploadsCreateTusResumable,
    upload_checksum: str | Unset = UNSET,
    upload_length: int,
    upload_metadata: str,
) -> Response[Error | Upload]:
    """Open a resumable upload (tus creation), optionally with its first bytes; the last byte attaches the
    file to the item as PUT /videos/{id}/file does

     Resumable uploads (tus 1.0) of a media item's file.

    Args:
        tus_resumable (UploadsCreateTusResumable):
        upload_checksum (str | Unset):
        upload_length (int):
        upload_metadata (str):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Upload]
    """

    kwargs = _get_kwargs(
        body=body,
        tus_resumable=tus_resumable,
        upload_checksum=upload_checksum,
        upload_length=upload_length,
        upload_metadata=upload_metadata,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: File | Unset = UNSET,
    tus_resumable: UploadsCreateTusResumable,
    upload_checksum: str | Unset = UNSET,
    upload_length: int,
    upload_metadata: str,
) -> Error | Upload | None:
    """Open a resumable upload (tus creation), optionally with its first bytes; the last byte attaches the
    file to the item as PUT /videos/{id}/file does

     Resumable uploads (tus 1.0) of a media item's file.

    Args:
        tus_resumable (UploadsCreateTusResumable):
        upload_checksum (str | Unset):
        upload_length (int):
        upload_metadata (str):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Upload
    """

    return sync_detailed(
        client=client,
        body=body,
        tus_resumable=tus_resumable,
        upload_checksum=upload_checksum,
        upload_length=upload_length,
        upload_metadata=upload_metadata,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: File | Unset = UNSET,
    tus_resumable: UploadsCreateTusResumable,
    upload_checksum: str | Unset = UNSET,
    upload_length: int,
    upload_metadata: str,
) -> Response[Error | Upload]:
    """Open a resumable upload (tus creation), optionally with its first bytes; the last byte attaches the
    file to the item as PUT /videos/{id}/file does

     Resumable uploads (tus 1.0) of a media item's file.

    Args:
        tus_resumable (UploadsCreateTusResumable):
        upload_checksum (str | Unset):
        upload_length (int):
        upload_metadata (str):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Upload]
    """

    kwargs = _get_kwargs(
        body=body,
        tus_resumable=tus_resumable,
        upload_checksum=upload_checksum,
        upload_length=upload_length,
        upload_metadata=upload_metadata,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: File | Unset = UNSET,
    tus_resumable: UploadsCreateTusResumable,
    upload_checksum: str | Unset = UNSET,
    upload_length: int,
    upload_metadata: str,
) -> Error | Upload | None:
    """Open a resumable upload (tus creation), optionally with its first bytes; the last byte attaches the
    file to the item as PUT /videos/{id}/file does

     Resumable uploads (tus 1.0) of a media item's file.

    Args:
        tus_resumable (UploadsCreateTusResumable):
        upload_checksum (str | Unset):
        upload_length (int):
        upload_metadata (str):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Upload
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            tus_resumable=tus_resumable,
            upload_checksum=upload_checksum,
            upload_length=upload_length,
            upload_metadata=upload_metadata,
        )
    ).parsed
