from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_search_result_list import PaginatedSearchResultList
from ...models.search_list_duration import SearchListDuration
from ...models.search_list_kind import SearchListKind
from ...models.search_list_type import SearchListType
from ...models.search_list_uploaded import SearchListUploaded
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cursor: str | Unset = UNSET,
    duration: SearchListDuration | Unset = UNSET,
    kind: SearchListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str,
    type_: SearchListType | Unset = SearchListType.ALL,
    uploaded: SearchListUploaded | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    json_duration: str | Unset = UNSET
    if not isinstance(duration, Unset):
        json_duration = duration.value

    params["duration"] = json_duration

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["limit"] = limit

    params["q"] = q

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_.value

    params["type"] = json_type_

    json_uploaded: str | Unset = UNSET
    if not isinstance(uploaded, Unset):
        json_uploaded = uploaded.value

    params["uploaded"] = json_uploaded

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/search",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedSearchResultList | None:
    if response.status_code == 200:
        response_200 = PaginatedSearchResultList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | PaginatedSearchResultList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    duration: SearchListDuration | Unset = UNSET,
    kind: SearchListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str,
    type_: SearchListType | Unset = SearchListType.ALL,
    uploaded: SearchListUploaded | Unset = UNSET,
) -> Response[Error | PaginatedSearchResultList]:
    """Search items (titles, descriptions, tags), channels (usernames, full names) and playlists (names):
    whole words first, then popularity and recency

     Search over what the caller may see: items, channels, playlists.

    Args:
        cursor (str | Unset):
        duration (SearchListDuration | Unset):
        kind (SearchListKind | Unset):
        limit (int | Unset):
        q (str):
        type_ (SearchListType | Unset):  Default: SearchListType.ALL.
        uploaded (SearchListUploaded | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedSearchResultList]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        duration=duration,
        kind=kind,
        limit=limit,
        q=q,
        type_=type_,
        uploaded=uploaded,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    duration: SearchListDuration | Unset = UNSET,
    kind: SearchListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str,
    type_: SearchListType | Unset = SearchListType.ALL,
    uploaded: SearchListUploaded | Unset = UNSET,
) -> Error | PaginatedSearchResultList | None:
    """Search items (titles, descriptions, tags), channels (usernames, full names) and playlists (names):
    whole words first, then popularity and recency

     Search over what the caller may see: items, channels, playlists.

    Args:
        cursor (str | Unset):
        duration (SearchListDuration | Unset):
        kind (SearchListKind | Unset):
        limit (int | Unset):
        q (str):
        type_ (SearchListType | Unset):  Default: SearchListType.ALL.
        uploaded (SearchListUploaded | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedSearchResultList
    """

    return sync_detailed(
        client=client,
        cursor=cursor,
        duration=duration,
        kind=kind,
        limit=limit,
        q=q,
        type_=type_,
        uploaded=uploaded,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    duration: SearchListDuration | Unset = UNSET,
    kind: SearchListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str,
    type_: SearchListType | Unset = SearchListType.ALL,
    uploaded: SearchListUploaded | Unset = UNSET,
) -> Response[Error | PaginatedSearchResultList]:
    """Search items (titles, descriptions, tags), channels (usernames, full names) and playlists (names):
    whole words first, then popularity and recency

     Search over what the caller may see: items, channels, playlists.

    Args:
        cursor (str | Unset):
        duration (SearchListDuration | Unset):
        kind (SearchListKind | Unset):
        limit (int | Unset):
        q (str):
        type_ (SearchListType | Unset):  Default: SearchListType.ALL.
        uploaded (SearchListUploaded | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedSearchResultList]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        duration=duration,
        kind=kind,
        limit=limit,
        q=q,
        type_=type_,
        uploaded=uploaded,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    duration: SearchListDuration | Unset = UNSET,
    kind: SearchListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str,
    type_: SearchListType | Unset = SearchListType.ALL,
    uploaded: SearchListUploaded | Unset = UNSET,
) -> Error | PaginatedSearchResultList | None:
    """Search items (titles, descriptions, tags), channels (usernames, full names) and playlists (names):
    whole words first, then popularity and recency

     Search over what the caller may see: items, channels, playlists.

    Args:
        cursor (str | Unset):
        duration (SearchListDuration | Unset):
        kind (SearchListKind | Unset):
        limit (int | Unset):
        q (str):
        type_ (SearchListType | Unset):  Default: SearchListType.ALL.
        uploaded (SearchListUploaded | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedSearchResultList
    """

    return (
        await asyncio_detailed(
            client=client,
            cursor=cursor,
            duration=duration,
            kind=kind,
            limit=limit,
            q=q,
            type_=type_,
            uploaded=uploaded,
        )
    ).parsed
