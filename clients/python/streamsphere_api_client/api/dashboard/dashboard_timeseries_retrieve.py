import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dashboard_timeseries_retrieve_metric import DashboardTimeseriesRetrieveMetric
from ...models.error import Error
from ...models.timeseries import Timeseries
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    days: int | Unset = UNSET,
    end: datetime.date | Unset = UNSET,
    metric: DashboardTimeseriesRetrieveMetric | Unset = DashboardTimeseriesRetrieveMetric.VIEWS,
    start: datetime.date | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["days"] = days

    json_end: str | Unset = UNSET
    if not isinstance(end, Unset):
        json_end = end.isoformat()
    params["end"] = json_end

    json_metric: str | Unset = UNSET
    if not isinstance(metric, Unset):
        json_metric = metric.value

    params["metric"] = json_metric

    json_start: str | Unset = UNSET
    if not isinstance(start, Unset):
        json_start = start.isoformat()
    params["start"] = json_start

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/dashboard/timeseries",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Timeseries | None:
    if response.status_code == 200:
        response_200 = Timeseries.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Timeseries]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    days: int | Unset = UNSET,
    end: datetime.date | Unset = UNSET,
    metric: DashboardTimeseriesRetrieveMetric | Unset = DashboardTimeseriesRetrieveMetric.VIEWS,
    start: datetime.date | Unset = UNSET,
) -> Response[Error | Timeseries]:
    """One of my figures per day, zero-filled, oldest first (days, or start and end)

     The creator's dashboard; everything here is the caller's own.

    Args:
        days (int | Unset):
        end (datetime.date | Unset):
        metric (DashboardTimeseriesRetrieveMetric | Unset):  Default:
            DashboardTimeseriesRetrieveMetric.VIEWS.
        start (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Timeseries]
    """

    kwargs = _get_kwargs(
        days=days,
        end=end,
        metric=metric,
        start=start,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    days: int | Unset = UNSET,
    end: datetime.date | Unset = UNSET,
    metric: DashboardTimeseriesRetrieveMetric | Unset = DashboardTimeseriesRetrieveMetric.VIEWS,
    start: datetime.date | Unset = UNSET,
) -> Error | Timeseries | None:
    """One of my figures per day, zero-filled, oldest first (days, or start and end)

     The creator's dashboard; everything here is the caller's own.

    Args:
        days (int | Unset):
        end (datetime.date | Unset):
        metric (DashboardTimeseriesRetrieveMetric | Unset):  Default:
            DashboardTimeseriesRetrieveMetric.VIEWS.
        start (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Timeseries
    """

    return sync_detailed(
        client=client,
        days=days,
        end=end,
        metric=metric,
        start=start,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    days: int | Unset = UNSET,
    end: datetime.date | Unset = UNSET,
    metric: DashboardTimeseriesRetrieveMetric | Unset = DashboardTimeseriesRetrieveMetric.VIEWS,
    start: datetime.date | Unset = UNSET,
) -> Response[Error | Timeseries]:
    """One of my figures per day, zero-filled, oldest first (days, or start and end)

     The creator's dashboard; everything here is the caller's own.

    Args:
        days (int | Unset):
        end (datetime.date | Unset):
        metric (DashboardTimeseriesRetrieveMetric | Unset):  Default:
            DashboardTimeseriesRetrieveMetric.VIEWS.
        start (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Timeseries]
    """

    kwargs = _get_kwargs(
        days=days,
        end=end,
        metric=metric,
        start=start,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    days: int | Unset = UNSET,
    end: datetime.date | Unset = UNSET,
    metric: DashboardTimeseriesRetrieveMetric | Unset = DashboardTimeseriesRetrieveMetric.VIEWS,
    start: datetime.date | Unset = UNSET,
) -> Error | Timeseries | None:
    """One of my figures per day, zero-filled, oldest first (days, or start and end)

     The creator's dashboard; everything here is the caller's own.

    Args:
        days (int | Unset):
        end (datetime.date | Unset):
        metric (DashboardTimeseriesRetrieveMetric | Unset):  Default:
            DashboardTimeseriesRetrieveMetric.VIEWS.
        start (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Timeseries
    """

    return (
        await asyncio_detailed(
            client=client,
            days=days,
            end=end,
            metric=metric,
            start=start,
        )
    ).parsed
