"""Like counters: one buffered counter per target type, and the figures readers see from them."""

from common.counters import BufferedCounter, Tally
from engagement.documents import Tweet
from videos.counters import figures_stored
from videos.documents import Video

video_likes = Tally(
    name="video_likes",
    gained=BufferedCounter(
        name="video_likes",
        collection=Video._get_collection,
        field="likes",
        on_stored=figures_stored,
    ),
)
tweet_likes = Tally(
    name="tweet_likes",
    gained=BufferedCounter(name="tweet_likes", collection=Tweet._get_collection, field="likes"),
)
