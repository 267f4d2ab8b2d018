"""Backlog entries as the events a client gets, and the text/event-stream lines they make."""

import json
from dataclasses import dataclass

from rest_framework.utils.encoders import JSONEncoder

from accounts.documents import User
from events import selectors
from events.backlog import Entry


@dataclass(frozen=True)
class Event:
    """One server-sent event: `id` is where a reconnect resumes (Last-Event-ID)."""

    type: str
    id: str
    data: dict

    def encode(self) -> bytes:
        data = json.dumps(self.data, cls=JSONEncoder, separators=(",", ":"))
        return f"id: {self.id}\nevent: {self.type}\ndata: {data}\n\n".encode()


def retry(milliseconds: int) -> bytes:
    """How long the client waits before reconnecting."""
    return f"retry: {milliseconds}\n\n".encode()


def comment(text: str) -> bytes:
    """A line clients ignore: keeps an idle stream open through proxies."""
    return f": {text}\n\n".encode()


def entries_as_events(*, user: User, request, entries: list[Entry]) -> list[Event]:
    """The events these entries make for my stream, in their order: each inbox entry my inbox
    shows now (the others left out), my unread figure once, where it last changed, and each
    item's progress where it was last reported."""
    notification_ids = [
        entry.data.get("id", "") for entry in entries if entry.type == "notification"
    ]
    shown = selectors.notifications_shown(user=user, ids=notification_ids, request=request)
    last = {}
    for index, entry in enumerate(entries):
        if entry.type == "unread_count":
            last["unread_count"] = index
        elif entry.type == "video_progress":
            last[("video_progress", entry.data.get("id"))] = index
    unread = selectors.unread_figure(user=user) if "unread_count" in last else 0
    events = []
    for index, entry in enumerate(entries):
        if entry.type == "notification" and entry.data.get("id") in shown:
            events.append(Event("notification", entry.id, shown[entry.data["id"]]))
        elif entry.type == "unread_count" and last["unread_count"] == index:
            events.append(Event("unread_count", entry.id, {"unread": unread}))
        elif entry.type == "video_progress" and last[(entry.type, entry.data.get("id"))] == index:
            events.append(Event("video_progress", entry.id, entry.data))
    return events
