from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_login_create_x_auth_cookies import AuthLoginCreateXAuthCookies
from ...models.auth_result import AuthResult
from ...models.error import Error
from ...models.login_request import LoginRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: LoginRequest,
    x_auth_cookies: AuthLoginCreateXAuthCookies | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_auth_cookies, Unset):
        headers["X-Auth-Cookies"] = str(x_auth_cookies)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/login",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AuthResult | Error | None:
    if response.status_code == 200:
        response_200 = AuthResult.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AuthResult | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
    x_auth_cookies: AuthLoginCreateXAuthCookies | Unset = UNSET,
) -> Response[AuthResult | Error]:
    """Sign in with username or e-mail

     Registration with an e-mailed code, login and the refresh-token session lifecycle.

    Args:
        x_auth_cookies (AuthLoginCreateXAuthCookies | Unset):
        body (LoginRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthResult | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        x_auth_cookies=x_auth_cookies,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
    x_auth_cookies: AuthLoginCreateXAuthCookies | Unset = UNSET,
) -> AuthResult | Error | None:
    """Sign in with username or e-mail

     Registration with an e-mailed code, login and the refresh-token session lifecycle.

    Args:
        x_auth_cookies (AuthLoginCreateXAuthCookies | Unset):
        body (LoginRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthResult | Error
    """

    return sync_detailed(
        client=client,
        body=body,
        x_auth_cookies=x_auth_cookies,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
    x_auth_cookies: AuthLoginCreateXAuthCookies | Unset = UNSET,
) -> Response[AuthResult | Error]:
    """Sign in with username or e-mail

     Registration with an e-mailed code, login and the refresh-token session lifecycle.

    Args:
        x_auth_cookies (AuthLoginCreateXAuthCookies | Unset):
        body (LoginRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthResult | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        x_auth_cookies=x_auth_cookies,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
    x_auth_cookies: AuthLoginCreateXAuthCookies | Unset = UNSET,
) -> AuthResult | Error | None:
    """Sign in with username or e-mail

     Registration with an e-mailed code, login and the refresh-token session lifecycle.

    Args:
        x_auth_cookies (AuthLoginCreateXAuthCookies | Unset):
        body (LoginRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthResult | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_auth_cookies=x_auth_cookies,
        )
    ).parsed
