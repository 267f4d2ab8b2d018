from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.register_multipart_request import RegisterMultipartRequest
from ...models.register_request import RegisterRequest
from ...models.registration_started import RegistrationStarted
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: RegisterRequest | RegisterMultipartRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/register",
    }

    if isinstance(body, RegisterRequest):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, RegisterMultipartRequest):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | RegistrationStarted | None:
    if response.status_code == 202:
        response_202 = RegistrationStarted.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | RegistrationStarted]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterRequest | RegisterMultipartRequest | Unset = UNSET,
) -> Response[Error | RegistrationStarted]:
    """Start a registration; a 6-digit code is e-mailed

     Registration with an e-mailed code, login and the refresh-token session lifecycle.

    Args:
        body (RegisterRequest): As JSON; avatar, cover_image only in a multipart form
            (RegisterMultipartRequest).
        body (RegisterMultipartRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RegistrationStarted]
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
    client: AuthenticatedClient | Client,
    body: RegisterRequest | RegisterMultipartRequest | Unset = UNSET,
) -> Error | RegistrationStarted | None:
    """Start a registration; a 6-digit code is e-mailed

     Registration with an e-mailed code, login and the refresh-token session lifecycle.

    Args:
        body (RegisterRequest): As JSON; avatar, cover_image only in a multipart form
            (RegisterMultipartRequest).
        body (RegisterMultipartRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RegistrationStarted
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterRequest | RegisterMultipartRequest | Unset = UNSET,
) -> Response[Error | RegistrationStarted]:
    """Start a registration; a 6-digit code is e-mailed

     Registration with an e-mailed code, login and the refresh-token session lifecycle.

    Args:
        body (RegisterRequest): As JSON; avatar, cover_image only in a multipart form
            (RegisterMultipartRequest).
        body (RegisterMultipartRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RegistrationStarted]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterRequest | RegisterMultipartRequest | Unset = UNSET,
) -> Error | RegistrationStarted | None:
    """Start a registration; a 6-digit code is e-mailed

     Registration with an e-mailed code, login and the refresh-token session lifecycle.

    Args:
        body (RegisterRequest): As JSON; avatar, cover_image only in a multipart form
            (RegisterMultipartRequest).
        body (RegisterMultipartRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RegistrationStarted
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
