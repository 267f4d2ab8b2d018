"""A channel's Atom 1.0 feed (RFC 4287): its newest listed items and tweets."""

import xml.etree.ElementTree as ET

from accounts.documents import User
from discovery.syndication import Entry, FeedLinks, utc
from discovery.xmltext import ATOM, add, document, xml_text

TITLE_CHARACTERS = 80


def _when(moment) -> str:
    return utc(moment).isoformat(timespec="seconds")


def _excerpt(text: str) -> str:
    """A tweet's title: its words on one line, cut at a word near TITLE_CHARACTERS."""
    line = " ".join(xml_text(text).split())
    if len(line) <= TITLE_CHARACTERS:
        return line
    return line[:TITLE_CHARACTERS].rsplit(" ", 1)[0] + "…"


def render_atom(*, channel: User, entries: list[Entry], links: FeedLinks) -> bytes:
    """The feed document; every user-written string is text, escaped (discovery.xmltext)."""
    feed = ET.Element("feed", xmlns=ATOM)
    channel_url = links.url("channel-detail", username=channel.username)
    add(feed, "id", links.tag(created=channel.created_at, specific=f"channel:{channel.id}"))
    add(feed, "title", f"{channel.full_name} (@{channel.username})")
    add(feed, "subtitle", f"The latest items and posts of @{channel.username}.")
    newest = [_updated(entry) for entry in entries] or [utc(channel.created_at)]
    add(feed, "updated", _when(max(newest)))
    add(
        feed,
        "link",
        rel="self",
        type="application/atom+xml",
        href=links.url("channel-feed", username=channel.username),
    )
    add(feed, "link", rel="alternate", href=channel_url)
    author = add(feed, "author")
    add(author, "name", channel.full_name)
    add(author, "uri", channel_url)
    if channel.avatar:
        add(feed, "icon", links.public(channel.avatar))
    add(feed, "generator", "StreamSphere")
    for entry in entries:
        if entry.kind == "video":
            _video_entry(feed, entry, links)
        else:
            _tweet_entry(feed, entry, links)
    return document(feed)


def _updated(entry: Entry):
    return max(entry.at, utc(entry.item.updated_at))


def _video_entry(feed: ET.Element, entry: Entry, links: FeedLinks) -> None:
    video = entry.item
    element = add(feed, "entry")
    add(element, "id", links.tag(created=video.created_at, specific=f"video:{video.id}"))
    add(element, "title", video.title)
    add(element, "link", rel="alternate", href=links.url("video-detail", pk=video.id))
    add(element, "published", _when(entry.at))
    add(element, "updated", _when(_updated(entry)))
    add(element, "summary", video.description or video.title)
    for tag in video.tags:
        add(element, "category", term=tag)


def _tweet_entry(feed: ET.Element, entry: Entry, links: FeedLinks) -> None:
    tweet = entry.item
    element = add(feed, "entry")
    add(element, "id", links.tag(created=tweet.created_at, specific=f"tweet:{tweet.id}"))
    add(element, "title", _excerpt(tweet.content))
    add(element, "link", rel="alternate", href=links.url("tweet-detail", pk=tweet.id))
    add(element, "published", _when(entry.at))
    add(element, "updated", _when(_updated(entry)))
    add(element, "content", tweet.content, type="text")
