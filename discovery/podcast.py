"""A channel's podcast: RSS 2.0 with Apple's iTunes namespace, its newest listed audio items.

Apple Podcasts requires on the show <title>, <description>, <itunes:image> (1400 to 3000 px
square JPEG or PNG, discovery.artwork), <language>, <itunes:category> and <itunes:explicit>, and
on each episode <title> and <enclosure> (url, length in bytes, type); it recommends
<itunes:author>, <link>, and per episode <guid>, <pubDate>, <description>, <itunes:duration>
(seconds), <link> and <itunes:explicit>. All are written here.
"""

import xml.etree.ElementTree as ET
from email.utils import format_datetime

from django.conf import settings

from accounts.documents import User
from discovery.syndication import Episode, FeedLinks, utc
from discovery.xmltext import ATOM, ITUNES, add, document, xml_text

# Apple reads at most this much of a description.
DESCRIPTION_BYTES = 4000


def _date(moment) -> str:
    """RFC 2822, as RSS 2.0 and Apple want it."""
    return format_datetime(utc(moment))


def _description(text: str) -> str:
    """At most DESCRIPTION_BYTES of UTF-8, cut between characters."""
    return xml_text(text).encode()[:DESCRIPTION_BYTES].decode(errors="ignore")


def _itunes(tag: str) -> str:
    return f"{{{ITUNES}}}{tag}"


def render_podcast(
    *, channel: User, episodes: list[Episode], links: FeedLinks, artwork_url: str
) -> bytes:
    """The feed document; every user-written string is text, escaped (discovery.xmltext)."""
    rss = ET.Element("rss", version="2.0")
    show = add(rss, "channel")
    explicit = "true" if settings.PODCAST_EXPLICIT else "false"
    channel_url = links.url("channel-detail", username=channel.username)
    add(show, "title", channel.full_name)
    add(show, "link", channel_url)
    add(show, "description", _description(f"Audio from {channel.full_name} (@{channel.username})."))
    add(show, "language", settings.LANGUAGE_CODE)
    add(
        show,
        f"{{{ATOM}}}link",
        href=links.url("channel-podcast", username=channel.username),
        rel="self",
        type="application/rss+xml",
    )
    add(show, _itunes("author"), channel.full_name)
    add(show, _itunes("image"), href=artwork_url)
    add(show, _itunes("category"), text=settings.PODCAST_CATEGORY)
    add(show, _itunes("explicit"), explicit)
    add(show, _itunes("type"), "episodic")
    if episodes:
        newest = _date(episodes[0].video.published_at)
        add(show, "pubDate", newest)
        add(show, "lastBuildDate", newest)
    add(show, "generator", "StreamSphere")
    for episode in episodes:
        video = episode.video
        item = add(show, "item")
        add(item, "title", video.title)
        add(item, "description", _description(video.description or video.title))
        add(item, "link", links.url("video-detail", pk=video.id))
        add(
            item,
            "guid",
            links.tag(created=video.created_at, specific=f"video:{video.id}"),
            isPermaLink="false",
        )
        add(item, "pubDate", _date(video.published_at))
        add(
            item,
            "enclosure",
            url=links.url("video-stream-file", pk=video.id, extension=episode.extension),
            length=episode.size,
            type=episode.media_type,
        )
        add(item, _itunes("duration"), round(video.duration or 0))
        add(item, _itunes("explicit"), explicit)
        if video.genre:
            add(item, "category", video.genre)
    return document(rss)
