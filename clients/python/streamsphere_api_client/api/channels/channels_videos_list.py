from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.channels_videos_list_kind import ChannelsVideosListKind
from ...models.channels_videos_list_sort import ChannelsVideosListSort
from ...models.error import Error
from ...models.paginated_video_list import PaginatedVideoList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    username: str,
    *,
    cursor: str | Unset = UNSET,
    kind: ChannelsVideosListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str | Unset = UNSET,
    sort: ChannelsVideosListSort | Unset = ChannelsVideosListSort.NEWEST,
    tag: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["limit"] = limit

    params["q"] = q

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params["tag"] = tag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/channels/{username}/videos".format(
            username=quote(str(username), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedVideoList | None:
    if response.status_code == 200:
        response_200 = PaginatedVideoList.from_dict(response.json())

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
) -> Response[Error | PaginatedVideoList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    kind: ChannelsVideosListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str | Unset = UNSET,
    sort: ChannelsVideosListSort | Unset = ChannelsVideosListSort.NEWEST,
    tag: str | Unset = UNSET,
) -> Response[Error | PaginatedVideoList]:
    """A channel's public items, filtered and sorted like the catalogue

     A channel's public items.

    Args:
        username (str):
        cursor (str | Unset):
        kind (ChannelsVideosListKind | Unset):
        limit (int | Unset):
        q (str | Unset):
        sort (ChannelsVideosListSort | Unset):  Default: ChannelsVideosListSort.NEWEST.
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedVideoList]
    """

    kwargs = _get_kwargs(
        username=username,
        cursor=cursor,
        kind=kind,
        limit=limit,
        q=q,
        sort=sort,
        tag=tag,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    kind: ChannelsVideosListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str | Unset = UNSET,
    sort: ChannelsVideosListSort | Unset = ChannelsVideosListSort.NEWEST,
    tag: str | Unset = UNSET,
) -> Error | PaginatedVideoList | None:
    """A channel's public items, filtered and sorted like the catalogue

     A channel's public items.

    Args:
        username (str):
        cursor (str | Unset):
        kind (ChannelsVideosListKind | Unset):
        limit (int | Unset):
        q (str | Unset):
        sort (ChannelsVideosListSort | Unset):  Default: ChannelsVideosListSort.NEWEST.
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedVideoList
    """

    return sync_detailed(
        username=username,
        client=client,
        cursor=cursor,
        kind=kind,
        limit=limit,
        q=q,
        sort=sort,
        tag=tag,
    ).parsed


async def asyncio_detailed(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    kind: ChannelsVideosListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str | Unset = UNSET,
    sort: ChannelsVideosListSort | Unset = ChannelsVideosListSort.NEWEST,
    tag: str | Unset = UNSET,
) -> Response[Error | PaginatedVideoList]:
    """A channel's public items, filtered and sorted like the catalogue

     A channel's public items.

    Args:
        username (str):
        cursor (str | Unset):
        kind (ChannelsVideosListKind | Unset):
        limit (int | Unset):
        q (str | Unset):
        sort (ChannelsVideosListSort | Unset):  Default: ChannelsVideosListSort.NEWEST.
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedVideoList]
    """

    kwargs = _get_kwargs(
        username=username,
        cursor=cursor,
        kind=kind,
        limit=limit,
        q=q,
        sort=sort,
        tag=tag,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    kind: ChannelsVideosListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str | Unset = UNSET,
    sort: ChannelsVideosListSort | Unset = ChannelsVideosListSort.NEWEST,
    tag: str | Unset = UNSET,
) -> Error | PaginatedVideoList | None:
    """A channel's public items, filtered and sorted like the catalogue

     A channel's public items.

    Args:
        username (str):
        cursor (str | Unset):
        kind (ChannelsVideosListKind | Unset):
        limit (int | Unset):
        q (str | Unset):
        sort (ChannelsVideosListSort | Unset):  Default: ChannelsVideosListSort.NEWEST.
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedVideoList
    """

    return (
        await asyncio_detailed(
            username=username,
            client=client,
            cursor=cursor,
            kind=kind,
            limit=limit,
            q=q,
            sort=sort,
            tag=tag,
        )
    ).parsed
