"""A channel's Atom feed and podcast through the API, read back with feedparser as readers and
podcast apps read them: every public entry and nothing else, Apple's required tags, escaped
user text, and a cache with an ETag."""

import io
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.services import set_user_active
from discovery.syndication import ATOM_ENTRIES
from discovery.tests.helpers import audio_item
from discovery.xmltext import ITUNES
from engagement.tests.helpers import tweet
from videos.documents import Video
from videos.samples import make_audio
from videos.tests.helpers import VIDEOS, path_of, ready_video, upload

pytestmark = pytest.mark.redis
CHANNELS = "/api/v1/channels"
# What Apple Podcasts requires of a show and of each episode (its RSS requirements).
SHOW_TAGS = ["title", "description", "language", f"{{{ITUNES}}}image", f"{{{ITUNES}}}category"]
SHOW_TAGS += [f"{{{ITUNES}}}explicit"]
EPISODE_TAGS = ["title", "enclosure"]


def atom(client, username: str, **headers):
    return client.get(f"{CHANNELS}/{username}/feed.xml", **headers)


def podcast(client, username: str, **headers):
    return client.get(f"{CHANNELS}/{username}/podcast.xml", **headers)


def parsed(response):
    assert response.status_code == 200, response.content
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.fixture
def channel(auth_client, make_user):
    """A creator with public items and tweets, and things no feed may carry."""
    client = auth_client(make_user(username="maker", full_name="Mia Maker"))
    owner = client.user
    public = [ready_video(owner, title=f"clip {n}", tags=["jazz"]) for n in range(2)]
    songs = [
        audio_item(owner, title=f"song {n}", duration=61.4 + n, genre="Jazz") for n in range(2)
    ]
    posts = [tweet(owner, f"news {n}") for n in range(2)]
    ready_video(owner, title="private", visibility="private")
    ready_video(owner, title="unlisted", visibility="unlisted")
    ready_video(owner, title="draft", published=False)
    audio_item(owner, title="private song", visibility="private")
    ready_video(make_user(), title="someone else's")
    tweet(make_user(), "someone else's news")
    client.public = public
    client.songs = songs
    client.posts = posts
    return client


def test_the_atom_feed_parses_and_carries_every_public_item_and_tweet(channel, api_client):
    response = atom(api_client, "maker")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = parsed(response)
    assert feed.version == "atom10"
    assert feed.feed.title == "Mia Maker (@maker)"
    assert feed.feed.author == "Mia Maker"
    titles = sorted(entry.title for entry in feed.entries)
    assert titles == ["clip 0", "clip 1", "news 0", "news 1", "song 0", "song 1"]
    links = {entry.title: path_of(entry.link) for entry in feed.entries}
    assert links["clip 0"] == f"{VIDEOS}/{channel.public[0].id}"
    assert links["news 1"] == f"/api/v1/tweets/{channel.posts[1].id}"
    assert len({entry.id for entry in feed.entries}) == 6
    clip = next(entry for entry in feed.entries if entry.title == "clip 1")
    assert [tag.term for tag in clip.tags] == ["jazz"]
    assert clip.published_parsed is not None and clip.updated_parsed is not None
    # Newest first, and every link the feed names answers.
    stamps = [entry.published_parsed for entry in feed.entries]
    assert stamps == sorted(stamps, reverse=True)
    for entry in feed.entries:
        assert api_client.get(path_of(entry.link)).status_code == 200


def test_the_atom_feed_holds_the_newest_entries_only(make_user, api_client):
    owner = make_user(username="chatty")
    for n in range(ATOM_ENTRIES + 3):
        tweet(owner, f"post {n}")
    feed = parsed(atom(api_client, "chatty"))
    assert len(feed.entries) == ATOM_ENTRIES
    assert feed.entries[0].title == f"post {ATOM_ENTRIES + 2}"


def test_the_podcast_has_every_public_episode_and_the_tags_podcast_apps_require(
    channel, api_client, settings
):
    settings.PODCAST_CATEGORY = "Society & Culture"
    response = podcast(api_client, "maker")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    feed = parsed(response)
    assert feed.version == "rss20"
    assert feed.namespaces["itunes"] == ITUNES
    assert feed.feed.title == "Mia Maker"
    assert feed.feed.language == "en-us"
    assert not feed.feed.itunes_explicit
    assert [tag.term for tag in feed.feed.tags] == ["Society & Culture"]
    assert sorted(entry.title for entry in feed.entries) == ["song 0", "song 1"]
    for entry in feed.entries:
        song = next(song for song in channel.songs if song.title == entry.title)
        (enclosure,) = entry.enclosures
        assert (enclosure.type, enclosure.length) == ("audio/mpeg", "4096")
        assert path_of(enclosure.href) == f"{VIDEOS}/{song.id}/stream.mp3"
        assert entry.itunes_duration == str(round(song.duration))
        assert entry.id and entry.published_parsed and entry.summary
        played = api_client.get(path_of(enclosure.href), HTTP_RANGE="bytes=0-99")
        assert played.status_code == 206
        assert len(b"".join(played.streaming_content)) == 100
    root = ET.fromstring(response.content)
    show = root.find("channel")
    for tag in SHOW_TAGS:
        assert show.find(tag) is not None, tag
    assert show.find(f"{{{ITUNES}}}category").get("text") == "Society & Culture"
    assert show.find(f"{{{ITUNES}}}explicit").text == "false"
    for item in show.findall("item"):
        for tag in EPISODE_TAGS:
            assert item.find(tag) is not None, tag
        assert set(item.find("enclosure").attrib) == {"url", "length", "type"}
    art = api_client.get(path_of(feed.feed.image.href))
    assert art.status_code == 200 and art["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(art.content)) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (1400, 1400))


def test_a_channel_without_audio_has_a_valid_empty_podcast(make_user, api_client):
    make_user(username="silent")
    feed = parsed(podcast(api_client, "silent", HTTP_ACCEPT="application/rss+xml"))
    assert feed.entries == [] and feed.feed.image.href


def test_an_enclosure_is_served_under_its_own_extension_only(channel, api_client):
    song = channel.songs[0]
    assert api_client.get(f"{VIDEOS}/{song.id}/stream.mp3").status_code == 200
    for other in ("ogg", "MP3", "mp3.exe"):
        assert api_client.get(f"{VIDEOS}/{song.id}/stream.{other}").status_code == 404
    hidden = audio_item(channel.user, title="hidden", visibility="private")
    assert api_client.get(f"{VIDEOS}/{hidden.id}/stream.mp3").status_code == 404


HOSTILE = "<script>alert(1)</script> & ]]> <![CDATA[ x ]]> \x01\x08\x0b\x0c\x1f\ufffe\uffff end"
SHOWN = "<script>alert(1)</script> & ]]> <![CDATA[ x ]]> end"


def test_user_written_text_is_escaped_text_never_markup(make_user, api_client):
    owner = make_user(username="mallory", full_name='</title><entry><title>forged" & \x07')
    ready_video(owner, title=HOSTILE, description=HOSTILE, tags=['"quoted" <tag>'])
    audio_item(owner, title=HOSTILE, description=HOSTILE, genre="</category>\x02")
    tweet(owner, HOSTILE)
    for response in (atom(api_client, "mallory"), podcast(api_client, "mallory")):
        assert b"<script" not in response.content and b"\x01" not in response.content
        feed = parsed(response)
        assert feed.feed.title.startswith('</title><entry><title>forged" &')
        assert {" ".join(entry.title.split()) for entry in feed.entries} == {SHOWN}
    assert len(parsed(atom(api_client, "mallory")).entries) == 3
    root = ET.fromstring(podcast(api_client, "mallory").content)
    assert root.find("channel/item/category").text == "</category>"


def test_feeds_are_cached_with_an_etag_until_the_channel_changes(channel, api_client, mongo_reads):
    for read in (atom, podcast):
        first = read(api_client, "maker")
        assert first["Cache-Control"] == "public, max-age=300" and first["ETag"]
        mongo_reads["n"] = 0
        again = read(api_client, "maker", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and again.content == b""
        assert read(api_client, "maker").content == first.content
        assert mongo_reads["n"] == 0
    before = atom(api_client, "maker")
    posted = channel.post("/api/v1/tweets", {"content": "fresh news"}, format="json")
    assert posted.status_code == 201
    after = atom(api_client, "maker", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "fresh news" in [entry.title for entry in parsed(after).entries]
    song = channel.songs[0]
    renamed = channel.patch(f"{VIDEOS}/{song.id}", {"title": "renamed"}, format="json")
    assert renamed.status_code == 200
    assert "renamed" in [entry.title for entry in parsed(podcast(api_client, "maker")).entries]
    set_user_active(user=channel.user, active=False)
    for read in (atom, podcast):
        gone = read(api_client, "maker")
        assert gone.status_code == 404
        assert gone.json()["error"]["code"] == "not_found"


def test_unknown_channels_are_a_404_in_the_error_shape(api_client):
    for read in (atom, podcast):
        response = read(api_client, "nobody", HTTP_ACCEPT="application/atom+xml")
        assert response.status_code == 404
        assert set(response.json()) == {"error", "request_id"}


def test_the_artwork_follows_the_avatar_and_old_versions_are_gone(auth_client, api_client):
    client = auth_client()
    username = client.user.username
    plain = parsed(podcast(api_client, username)).feed.image.href
    picture = io.BytesIO()
    Image.new("RGBA", (900, 300), (10, 200, 30, 128)).save(picture, format="PNG")
    upload = SimpleUploadedFile("wide.png", picture.getvalue(), content_type="image/png")
    changed = client.put("/api/v1/users/me/avatar", {"avatar": upload}, format="multipart")
    assert changed.status_code == 200
    current = parsed(podcast(api_client, username)).feed.image.href
    assert current != plain
    assert api_client.get(path_of(plain)).status_code == 404
    art = api_client.get(path_of(current))
    assert art.status_code == 200
    assert "immutable" in art["Cache-Control"]
    with Image.open(io.BytesIO(art.content)) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (1400, 1400))
        assert image.getpixel((700, 700))[1] > 100  # the avatar's green, on white
    assert api_client.get(path_of(current), HTTP_IF_NONE_MATCH=art["ETag"]).status_code == 304


@pytest.mark.slow
def test_an_uploaded_track_is_an_episode_whose_enclosure_is_its_file(
    auth_client, api_client, tmp_path
):
    track = make_audio(tmp_path, name="tone.m4a", seconds=3)
    client = auth_client()
    response = upload(client, track, title="Tone", genre="ambient")
    assert response.status_code == 202
    video = Video.objects.get(id=response.json()["id"])
    assert video.status == "ready" and video.source_bytes == track.stat().st_size
    (episode,) = parsed(podcast(api_client, client.user.username)).entries
    (enclosure,) = episode.enclosures
    assert (enclosure.type, int(enclosure.length)) == ("audio/x-m4a", track.stat().st_size)
    assert episode.itunes_duration == "3"
    played = api_client.get(path_of(enclosure.href))
    assert played.status_code == 200
    assert b"".join(played.streaming_content) == track.read_bytes()
