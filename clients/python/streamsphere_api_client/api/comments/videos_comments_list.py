from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_comment_list import PaginatedCommentList
from ...models.videos_comments_list_sort import VideosCommentsListSort
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    sort: VideosCommentsListSort | Unset = VideosCommentsListSort.NEWEST,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    params["limit"] = limit

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/videos/{id}/comments".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedCommentList | None:
    if response.status_code == 200:
        response_200 = PaginatedCommentList.from_dict(response.json())

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
) -> Response[Error | PaginatedCommentList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    sort: VideosCommentsListSort | Unset = VideosCommentsListSort.NEWEST,
) -> Response[Error | PaginatedCommentList]:
    """Top-level comments on an item: the pinned one first (on the first page), then newest or top (most
    liked, then newest)

     Comments on an item.

    Args:
        id (str):
        cursor (str | Unset):
        limit (int | Unset):
        sort (VideosCommentsListSort | Unset):  Default: VideosCommentsListSort.NEWEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedCommentList]
    """

    kwargs = _get_kwargs(
        id=id,
        cursor=cursor,
        limit=limit,
        sort=sort,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    sort: VideosCommentsListSort | Unset = VideosCommentsListSort.NEWEST,
) -> Error | PaginatedCommentList | None:
    """Top-level comments on an item: the pinned one first (on the first page), then newest or top (most
    liked, then newest)

     Comments on an item.

    Args:
        id (str):
        cursor (str | Unset):
        limit (int | Unset):
        sort (VideosCommentsListSort | Unset):  Default: VideosCommentsListSort.NEWEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedCommentList
    """

    return sync_detailed(
        id=id,
        client=client,
        cursor=cursor,
        limit=limit,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    sort: VideosCommentsListSort | Unset = VideosCommentsListSort.NEWEST,
) -> Response[Error | PaginatedCommentList]:
    """Top-level comments on an item: the pinned one first (on the first page), then newest or top (most
    liked, then newest)

     Comments on an item.

    Args:
        id (str):
        cursor (str | Unset):
        limit (int | Unset):
        sort (VideosCommentsListSort | Unset):  Default: VideosCommentsListSort.NEWEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedCommentList]
    """

    kwargs = _get_kwargs(
        id=id,
        cursor=cursor,
        limit=limit,
        sort=sort,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    sort: VideosCommentsListSort | Unset = VideosCommentsListSort.NEWEST,
) -> Error | PaginatedCommentList | None:
    """Top-level comments on an item: the pinned one first (on the first page), then newest or top (most
    liked, then newest)

     Comments on an item.

    Args:
        id (str):
        cursor (str | Unset):
        limit (int | Unset):
        sort (VideosCommentsListSort | Unset):  Default: VideosCommentsListSort.NEWEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedCommentList
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            cursor=cursor,
            limit=limit,
            sort=sort,
        )
    ).parsed
