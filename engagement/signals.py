"""Signals engagement sends, so higher apps react to comments, tweets and likes unimported."""

from django.dispatch import Signal

# Sent when a comment becomes visible to everyone: at creation when it is not held, or when the
# item's owner approves it; args: comment, video.
comment_published = Signal()

# Sent when a new comment is held for the item owner's approval; args: comment, video.
comment_held = Signal()

# Sent after a tweet is posted; args: tweet.
tweet_posted = Signal()

# Sent after a tweet is deleted; args: tweet (the deleted document, id still set).
tweet_deleted = Signal()

# Sent after a like was counted (not for repeats); args: user (who liked), target_type, target
# (the liked document), likes (the target's figure including this like).
target_liked = Signal()
