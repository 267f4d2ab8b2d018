from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.closed_event import ClosedEvent
from ...models.counter_event import CounterEvent
from ...models.error import Error
from ...models.notification_event import NotificationEvent
from ...models.resync_event import ResyncEvent
from ...models.unread_count_event import UnreadCountEvent
from ...models.video_progress_event import VideoProgressEvent
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    last_event_id_query: str | Unset = UNSET,
    ticket: str | Unset = UNSET,
    watch: str | Unset = UNSET,
    last_event_id_header: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id_header, Unset):
        headers["Last-Event-ID"] = last_event_id_header

    params: dict[str, Any] = {}

    params["last_event_id"] = last_event_id_query

    params["ticket"] = ticket

    params["watch"] = watch

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/events",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ClosedEvent | CounterEvent | NotificationEvent | ResyncEvent | UnreadCountEvent | VideoProgressEvent | Error | None
):
    if response.status_code == 200:

        def _parse_response_200(
            data: object,
        ) -> ClosedEvent | CounterEvent | NotificationEvent | ResyncEvent | UnreadCountEvent | VideoProgressEvent:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_stream_event_type_0 = NotificationEvent.from_dict(data)

                return componentsschemas_stream_event_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_stream_event_type_1 = UnreadCountEvent.from_dict(data)

                return componentsschemas_stream_event_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_stream_event_type_2 = VideoProgressEvent.from_dict(data)

                return componentsschemas_stream_event_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_stream_event_type_3 = CounterEvent.from_dict(data)

                return componentsschemas_stream_event_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_stream_event_type_4 = ResyncEvent.from_dict(data)

                return componentsschemas_stream_event_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_stream_event_type_5 = ClosedEvent.from_dict(data)

            return componentsschemas_stream_event_type_5

        response_200 = _parse_response_200(response.text)

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ClosedEvent | CounterEvent | NotificationEvent | ResyncEvent | UnreadCountEvent | VideoProgressEvent | Error
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    last_event_id_query: str | Unset = UNSET,
    ticket: str | Unset = UNSET,
    watch: str | Unset = UNSET,
    last_event_id_header: str | Unset = UNSET,
) -> Response[
    ClosedEvent | CounterEvent | NotificationEvent | ResyncEvent | UnreadCountEvent | VideoProgressEvent | Error
]:
    """My server-sent events: notifications, unread figure, progress, figures

     A `text/event-stream` of what concerns me, for `EventSource`: each event has an `id`, a name
    (`event:`) and JSON `data` (one of the shapes below, by name). Sign in with the auth cookie
    (`new EventSource(url, {withCredentials: true})`) or a `?ticket=` from POST /api/v1/events/ticket.

    First come what a reconnect missed (after `Last-Event-ID` or `?last_event_id=`; `resync` when
    that is no longer kept: reload the inbox), my `unread_count`, and the `counter` of each watched
    item; then each event as it happens. A comment line comes every 15 s while nothing happens;
    `retry:` says when to reconnect. A user holds a few streams at most: opening one more closes the
    oldest (`closed`, reason `replaced`); ending the session closes its streams (`signed_out`).

    Args:
        last_event_id_query (str | Unset):
        ticket (str | Unset):
        watch (str | Unset):
        last_event_id_header (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClosedEvent | CounterEvent | NotificationEvent | ResyncEvent | UnreadCountEvent | VideoProgressEvent | Error]
    """

    kwargs = _get_kwargs(
        last_event_id_query=last_event_id_query,
        ticket=ticket,
        watch=watch,
        last_event_id_header=last_event_id_header,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    last_event_id_query: str | Unset = UNSET,
    ticket: str | Unset = UNSET,
    watch: str | Unset = UNSET,
    last_event_id_header: str | Unset = UNSET,
) -> (
    ClosedEvent | CounterEvent | NotificationEvent | ResyncEvent | UnreadCountEvent | VideoProgressEvent | Error | None
):
    """My server-sent events: notifications, unread figure, progress, figures

     A `text/event-stream` of what concerns me, for `EventSource`: each event has an `id`, a name
    (`event:`) and JSON `data` (one of the shapes below, by name). Sign in with the auth cookie
    (`new EventSource(url, {withCredentials: true})`) or a `?ticket=` from POST /api/v1/events/ticket.

    First come what a reconnect missed (after `Last-Event-ID` or `?last_event_id=`; `resync` when
    that is no longer kept: reload the inbox), my `unread_count`, and the `counter` of each watched
    item; then each event as it happens. A comment line comes every 15 s while nothing happens;
    `retry:` says when to reconnect. A user holds a few streams at most: opening one more closes the
    oldest (`closed`, reason `replaced`); ending the session closes its streams (`signed_out`).

    Args:
        last_event_id_query (str | Unset):
        ticket (str | Unset):
        watch (str | Unset):
        last_event_id_header (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClosedEvent | CounterEvent | NotificationEvent | ResyncEvent | UnreadCountEvent | VideoProgressEvent | Error
    """

    return sync_detailed(
        client=client,
        last_event_id_query=last_event_id_query,
        ticket=ticket,
        watch=watch,
        last_event_id_header=last_event_id_header,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    last_event_id_query: str | Unset = UNSET,
    ticket: str | Unset = UNSET,
    watch: str | Unset = UNSET,
    last_event_id_header: str | Unset = UNSET,
) -> Response[
    ClosedEvent | CounterEvent | NotificationEvent | ResyncEvent | UnreadCountEvent | VideoProgressEvent | Error
]:
    """My server-sent events: notifications, unread figure, progress, figures

     A `text/event-stream` of what concerns me, for `EventSource`: each event has an `id`, a name
    (`event:`) and JSON `data` (one of the shapes below, by name). Sign in with the auth cookie
    (`new EventSource(url, {withCredentials: true})`) or a `?ticket=` from POST /api/v1/events/ticket.

    First come what a reconnect missed (after `Last-Event-ID` or `?last_event_id=`; `resync` when
    that is no longer kept: reload the inbox), my `unread_count`, and the `counter` of each watched
    item; then each event as it happens. A comment line comes every 15 s while nothing happens;
    `retry:` says when to reconnect. A user holds a few streams at most: opening one more closes the
    oldest (`closed`, reason `replaced`); ending the session closes its streams (`signed_out`).

    Args:
        last_event_id_query (str | Unset):
        ticket (str | Unset):
        watch (str | Unset):
        last_event_id_header (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClosedEvent | CounterEvent | NotificationEvent | ResyncEvent | UnreadCountEvent | VideoProgressEvent | Error]
    """

    kwargs = _get_kwargs(
        last_event_id_query=last_event_id_query,
        ticket=ticket,
        watch=watch,
        last_event_id_header=last_event_id_header,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    last_event_id_query: str | Unset = UNSET,
    ticket: str | Unset = UNSET,
    watch: str | Unset = UNSET,
    last_event_id_header: str | Unset = UNSET,
) -> (
    ClosedEvent | CounterEvent | NotificationEvent | ResyncEvent | UnreadCountEvent | VideoProgressEvent | Error | None
):
    """My server-sent events: notifications, unread figure, progress, figures

     A `text/event-stream` of what concerns me, for `EventSource`: each event has an `id`, a name
    (`event:`) and JSON `data` (one of the shapes below, by name). Sign in with the auth cookie
    (`new EventSource(url, {withCredentials: true})`) or a `?ticket=` from POST /api/v1/events/ticket.

    First come what a reconnect missed (after `Last-Event-ID` or `?last_event_id=`; `resync` when
    that is no longer kept: reload the inbox), my `unread_count`, and the `counter` of each watched
    item; then each event as it happens. A comment line comes every 15 s while nothing happens;
    `retry:` says when to reconnect. A user holds a few streams at most: opening one more closes the
    oldest (`closed`, reason `replaced`); ending the session closes its streams (`signed_out`).

    Args:
        last_event_id_query (str | Unset):
        ticket (str | Unset):
        watch (str | Unset):
        last_event_id_header (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClosedEvent | CounterEvent | NotificationEvent | ResyncEvent | UnreadCountEvent | VideoProgressEvent | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            last_event_id_query=last_event_id_query,
            ticket=ticket,
            watch=watch,
            last_event_id_header=last_event_id_header,
        )
    ).parsed
