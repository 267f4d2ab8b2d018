from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.data_export import DataExport
from ...models.error import Error
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/users/me/export",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DataExport | Error | None:
    if response.status_code == 202:
        response_202 = DataExport.from_dict(response.json())

        return response_202

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DataExport | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[DataExport | Error]:
    """Export my data (one export a day)

     Queues a zip: profile, items with their metadata, tweets, comments, likes, subscriptions, playlists,
    watch history, notification settings and blocks as JSON, plus the original media files and profile
    pictures. GET shows when it is ready. Another request within a day of the last one is a 429
    `export_limit` (Retry-After says when); after a failed export, ask again at once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DataExport | Error]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> DataExport | Error | None:
    """Export my data (one export a day)

     Queues a zip: profile, items with their metadata, tweets, comments, likes, subscriptions, playlists,
    watch history, notification settings and blocks as JSON, plus the original media files and profile
    pictures. GET shows when it is ready. Another request within a day of the last one is a 429
    `export_limit` (Retry-After says when); after a failed export, ask again at once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DataExport | Error
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[DataExport | Error]:
    """Export my data (one export a day)

     Queues a zip: profile, items with their metadata, tweets, comments, likes, subscriptions, playlists,
    watch history, notification settings and blocks as JSON, plus the original media files and profile
    pictures. GET shows when it is ready. Another request within a day of the last one is a 429
    `export_limit` (Retry-After says when); after a failed export, ask again at once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DataExport | Error]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> DataExport | Error | None:
    """Export my data (one export a day)

     Queues a zip: profile, items with their metadata, tweets, comments, likes, subscriptions, playlists,
    watch history, notification settings and blocks as JSON, plus the original media files and profile
    pictures. GET shows when it is ready. Another request within a day of the last one is a 429
    `export_limit` (Retry-After says when); after a failed export, ask again at once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DataExport | Error
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
