from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_video_list import PaginatedVideoList
from ...models.videos_list_kind import VideosListKind
from ...models.videos_list_sort import VideosListSort
from ...models.videos_list_window import VideosListWindow
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    channel: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    kind: VideosListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str | Unset = UNSET,
    sort: VideosListSort | Unset = VideosListSort.NEWEST,
    tag: str | Unset = UNSET,
    window: VideosListWindow | Unset = VideosListWindow.VALUE_2,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["channel"] = channel

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

    json_window: str | Unset = UNSET
    if not isinstance(window, Unset):
        json_window = window.value

    params["window"] = json_window

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/videos",
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
    *,
    client: AuthenticatedClient | Client,
    channel: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    kind: VideosListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str | Unset = UNSET,
    sort: VideosListSort | Unset = VideosListSort.NEWEST,
    tag: str | Unset = UNSET,
    window: VideosListWindow | Unset = VideosListWindow.VALUE_2,
) -> Response[Error | PaginatedVideoList]:
    """Browse and search published items

     Media items: video and audio.

    Args:
        channel (str | Unset):
        cursor (str | Unset):
        kind (VideosListKind | Unset):
        limit (int | Unset):
        q (str | Unset):
        sort (VideosListSort | Unset):  Default: VideosListSort.NEWEST.
        tag (str | Unset):
        window (VideosListWindow | Unset):  Default: VideosListWindow.VALUE_2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedVideoList]
    """

    kwargs = _get_kwargs(
        channel=channel,
        cursor=cursor,
        kind=kind,
        limit=limit,
        q=q,
        sort=sort,
        tag=tag,
        window=window,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    channel: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    kind: VideosListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str | Unset = UNSET,
    sort: VideosListSort | Unset = VideosListSort.NEWEST,
    tag: str | Unset = UNSET,
    window: VideosListWindow | Unset = VideosListWindow.VALUE_2,
) -> Error | PaginatedVideoList | None:
    """Browse and search published items

     Media items: video and audio.

    Args:
        channel (str | Unset):
        cursor (str | Unset):
        kind (VideosListKind | Unset):
        limit (int | Unset):
        q (str | Unset):
        sort (VideosListSort | Unset):  Default: VideosListSort.NEWEST.
        tag (str | Unset):
        window (VideosListWindow | Unset):  Default: VideosListWindow.VALUE_2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedVideoList
    """

    return sync_detailed(
        client=client,
        channel=channel,
        cursor=cursor,
        kind=kind,
        limit=limit,
        q=q,
        sort=sort,
        tag=tag,
        window=window,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    channel: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    kind: VideosListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str | Unset = UNSET,
    sort: VideosListSort | Unset = VideosListSort.NEWEST,
    tag: str | Unset = UNSET,
    window: VideosListWindow | Unset = VideosListWindow.VALUE_2,
) -> Response[Error | PaginatedVideoList]:
    """Browse and search published items

     Media items: video and audio.

    Args:
        channel (str | Unset):
        cursor (str | Unset):
        kind (VideosListKind | Unset):
        limit (int | Unset):
        q (str | Unset):
        sort (VideosListSort | Unset):  Default: VideosListSort.NEWEST.
        tag (str | Unset):
        window (VideosListWindow | Unset):  Default: VideosListWindow.VALUE_2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedVideoList]
    """

    kwargs = _get_kwargs(
        channel=channel,
        cursor=cursor,
        kind=kind,
        limit=limit,
        q=q,
        sort=sort,
        tag=tag,
        window=window,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    channel: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    kind: VideosListKind | Unset = UNSET,
    limit: int | Unset = UNSET,
    q: str | Unset = UNSET,
    sort: VideosListSort | Unset = VideosListSort.NEWEST,
    tag: str | Unset = UNSET,
    window: VideosListWindow | Unset = VideosListWindow.VALUE_2,
) -> Error | PaginatedVideoList | None:
    """Browse and search published items

     Media items: video and audio.

    Args:
        channel (str | Unset):
        cursor (str | Unset):
        kind (VideosListKind | Unset):
        limit (int | Unset):
        q (str | Unset):
        sort (VideosListSort | Unset):  Default: VideosListSort.NEWEST.
        tag (str | Unset):
        window (VideosListWindow | Unset):  Default: VideosListWindow.VALUE_2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedVideoList
    """

    return (
        await asyncio_detailed(
            client=client,
            channel=channel,
            cursor=cursor,
            kind=kind,
            limit=limit,
            q=q,
            sort=sort,
            tag=tag,
            window=window,
        )
    ).parsed
