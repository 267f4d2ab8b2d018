from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.uploads_destroy_tus_resumable import UploadsDestroyTusResumable
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    tus_resumable: UploadsDestroyTusResumable,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Tus-Resumable"] = str(tus_resumable)

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/uploads/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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

    if response.status_code == 423:
        response_423 = Error.from_dict(response.json())

        return response_423

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
    tus_resumable: UploadsDestroyTusResumable,
) -> Response[Any | Error]:
    """End an upload and drop its bytes (tus termination)

     Resumable uploads (tus 1.0) of a media item's file.

    Args:
        id (str):
        tus_resumable (UploadsDestroyTusResumable):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        tus_resumable=tus_resumable,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    tus_resumable: UploadsDestroyTusResumable,
) -> Any | Error | None:
    """End an upload and drop its bytes (tus termination)

     Resumable uploads (tus 1.0) of a media item's file.

    Args:
        id (str):
        tus_resumable (UploadsDestroyTusResumable):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        id=id,
        client=client,
        tus_resumable=tus_resumable,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    tus_resumable: UploadsDestroyTusResumable,
) -> Response[Any | Error]:
    """End an upload and drop its bytes (tus termination)

     Resumable uploads (tus 1.0) of a media item's file.

    Args:
        id (str):
        tus_resumable (UploadsDestroyTusResumable):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        tus_resumable=tus_resumable,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    tus_resumable: UploadsDestroyTusResumable,
) -> Any | Error | None:
    """End an upload and drop its bytes (tus termination)

     Resumable uploads (tus 1.0) of a media item's file.

    Args:
        id (str):
        tus_resumable (UploadsDestroyTusResumable):

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
            tus_resumable=tus_resumable,
        )
    ).parsed
