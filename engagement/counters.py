"""Engagement counters: likes per target type, and each item's published comments; plus the
figures readers see from them."""

from common.counters import BufferedCounter, Tally
from engagement.documents import Comment, Tweet
from videos.counters import figures_stored
from videos.documents import Video

video_likes = Tally(
    name="video_likes",
    gained=BufferedCounter(
        name="video_likes",
        collection=Video._get_collection,
        field="likes",
        group="videos",
        on_stored=figures_stored,
        announce=True,
    ),
)
tweet_likes = Tally(
    name="tweet_likes",
    gained=BufferedCounter(
        name="tweet_likes", collection=Tweet._get_collection, field="likes", group="tweets"
    ),
)
comment_likes = Tally(
    name="comment_likes",
    gained=BufferedCounter(
        name="comment_likes", collection=Comment._get_collection, field="likes", group="comments"
    ),
)
# Published comments (replies included) per item: +1 when one is published, -1 when one goes.
video_comments = Tally(
    name="video_comments",
    gained=BufferedCounter(
        name="video_comments",
        collection=Video._get_collection,
        field="comments_count",
        group="videos",
        on_stored=figures_stored,
        announce=True,
    ),
)
# Replies per thread root, stored only: a reply's publication moves it at once. Declared so a
# removal that must count exactly once however often it runs (an account's purge, through
# common.removal) moves it under a batch id.
comment_replies = BufferedCounter(
    name="comment_replies",
    collection=Comment._get_collection,
    field="replies_count",
    group="comments",
)
