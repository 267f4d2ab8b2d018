from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deletion import Deletion
from ...models.deletion_request_request import DeletionRequestRequest
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    *,
    body: DeletionRequestRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/users/me/deletion",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Deletion | Error | None:
    if response.status_code == 202:
        response_202 = Deletion.from_dict(response.json())

        return response_202

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Deletion | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: DeletionRequestRequest,
) -> Response[Deletion | Error]:
    """Delete my account (with my password)

     Every session ends and the account, with everything it owns, disappears from every listing and route
    at once (404, as a suspension). After ACCOUNT_DELETION_GRACE_DAYS (14) it is removed for good: items
    with their files, tweets, comments (a comment others replied to stays, shown with no author), likes
    and subscriptions (the figures they counted in corrected), playlists, history, notifications,
    blocks, reports it filed, exports. Until then, signing in again and DELETE cancels. A wrong password
    is a 400 and changes nothing; asking again changes nothing.

    Args:
        body (DeletionRequestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Deletion | Error]
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
    body: DeletionRequestRequest,
) -> Deletion | Error | None:
    """Delete my account (with my password)

     Every session ends and the account, with everything it owns, disappears from every listing and route
    at once (404, as a suspension). After ACCOUNT_DELETION_GRACE_DAYS (14) it is removed for good: items
    with their files, tweets, comments (a comment others replied to stays, shown with no author), likes
    and subscriptions (the figures they counted in corrected), playlists, history, notifications,
    blocks, reports it filed, exports. Until then, signing in again and DELETE cancels. A wrong password
    is a 400 and changes nothing; asking again changes nothing.

    Args:
        body (DeletionRequestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Deletion | Error
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: DeletionRequestRequest,
) -> Response[Deletion | Error]:
    """Delete my account (with my password)

     Every session ends and the account, with everything it owns, disappears from every listing and route
    at once (404, as a suspension). After ACCOUNT_DELETION_GRACE_DAYS (14) it is removed for good: items
    with their files, tweets, comments (a comment others replied to stays, shown with no author), likes
    and subscriptions (the figures they counted in corrected), playlists, history, notifications,
    blocks, reports it filed, exports. Until then, signing in again and DELETE cancels. A wrong password
    is a 400 and changes nothing; asking again changes nothing.

    Args:
        body (DeletionRequestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Deletion | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: DeletionRequestRequest,
) -> Deletion | Error | None:
    """Delete my account (with my password)

     Every session ends and the account, with everything it owns, disappears from every listing and route
    at once (404, as a suspension). After ACCOUNT_DELETION_GRACE_DAYS (14) it is removed for good: items
    with their files, tweets, comments (a comment others replied to stays, shown with no author), likes
    and subscriptions (the figures they counted in corrected), playlists, history, notifications,
    blocks, reports it filed, exports. Until then, signing in again and DELETE cancels. A wrong password
    is a 400 and changes nothing; asking again changes nothing.

    Args:
        body (DeletionRequestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Deletion | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
