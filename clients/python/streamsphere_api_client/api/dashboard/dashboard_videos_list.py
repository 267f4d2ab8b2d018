from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dashboard_videos_list_sort import DashboardVideosListSort
from ...models.error import Error
from ...models.paginated_dashboard_video_list import PaginatedDashboardVideoList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    sort: DashboardVideosListSort | Unset = DashboardVideosListSort.NEWEST,
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
        "url": "/api/v1/dashboard/videos",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedDashboardVideoList | None:
    if response.status_code == 200:
        response_200 = PaginatedDashboardVideoList.from_dict(response.json())

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
) -> Response[Error | PaginatedDashboardVideoList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    sort: DashboardVideosListSort | Unset = DashboardVideosListSort.NEWEST,
) -> Response[Error | PaginatedDashboardVideoList]:
    """My items, private, drafts and processing ones included, with their figures

     My items with their figures.

    Args:
        cursor (str | Unset):
        limit (int | Unset):
        sort (DashboardVideosListSort | Unset):  Default: DashboardVideosListSort.NEWEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedDashboardVideoList]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        limit=limit,
        sort=sort,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    sort: DashboardVideosListSort | Unset = DashboardVideosListSort.NEWEST,
) -> Error | PaginatedDashboardVideoList | None:
    """My items, private, drafts and processing ones included, with their figures

     My items with their figures.

    Args:
        cursor (str | Unset):
        limit (int | Unset):
        sort (DashboardVideosListSort | Unset):  Default: DashboardVideosListSort.NEWEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedDashboardVideoList
    """

    return sync_detailed(
        client=client,
        cursor=cursor,
        limit=limit,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    sort: DashboardVideosListSort | Unset = DashboardVideosListSort.NEWEST,
) -> Response[Error | PaginatedDashboardVideoList]:
    """My items, private, drafts and processing ones included, with their figures

     My items with their figures.

    Args:
        cursor (str | Unset):
        limit (int | Unset):
        sort (DashboardVideosListSort | Unset):  Default: DashboardVideosListSort.NEWEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedDashboardVideoList]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        limit=limit,
        sort=sort,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    sort: DashboardVideosListSort | Unset = DashboardVideosListSort.NEWEST,
) -> Error | PaginatedDashboardVideoList | None:
    """My items, private, drafts and processing ones included, with their figures

     My items with their figures.

    Args:
        cursor (str | Unset):
        limit (int | Unset):
        sort (DashboardVideosListSort | Unset):  Default: DashboardVideosListSort.NEWEST.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedDashboardVideoList
    """

    return (
        await asyncio_detailed(
            client=client,
            cursor=cursor,
            limit=limit,
            sort=sort,
        )
    ).parsed
