"""Discovery reads: a channel's feeds and podcast artwork as the caller's host names them."""

from collections.abc import Callable
from dataclasses import dataclass

from channels_app.selectors import channel_by_username
from common.errors import NotFound
from discovery import artwork
from discovery.atom import render_atom
from discovery.feed_cache import Feed, cached_feed
from discovery.podcast import render_podcast
from discovery.syndication import FeedLinks, latest_entries, latest_episodes


def atom_feed(*, username: str, request) -> Feed:
    """The channel's Atom feed of its newest listed items and tweets."""
    links = FeedLinks(request)
    return cached_feed(
        kind="atom",
        username=username,
        request=request,
        build=lambda channel: render_atom(
            channel=channel, entries=latest_entries(channel=channel), links=links
        ),
    )


def podcast_feed(*, username: str, request) -> Feed:
    """The channel's podcast feed of its newest listed audio items."""
    links = FeedLinks(request)

    def build(channel) -> bytes:
        art = artwork.artwork_of(channel=channel)
        return render_podcast(
            channel=channel,
            episodes=latest_episodes(channel=channel),
            links=links,
            artwork_url=links.url(
                "channel-artwork", username=channel.username, version=art.version
            ),
        )

    return cached_feed(kind="podcast", username=username, request=request, build=build)


@dataclass(frozen=True)
class Picture:
    version: str
    render: Callable[[], bytes]  # called only when the client lacks this version


def podcast_artwork(*, username: str, version: str) -> Picture:
    """The channel's current podcast artwork; any other version is a NotFound."""
    channel = channel_by_username(username=username)
    art = artwork.artwork_of(channel=channel)
    if version != art.version:
        raise NotFound("No such artwork.")
    return Picture(version=art.version, render=lambda: artwork.render(channel=channel, artwork=art))
