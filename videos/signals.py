"""Signals videos sends, so higher apps react to items without videos importing them."""

from django.dispatch import Signal

# Sent after an item is deleted; args: video (the deleted document, id still set).
video_deleted = Signal()

# Sent while a page of items is prepared for serializing; args: videos (list), viewer (a user or
# None). Each receiver returns a dict merged into the serializer context: "likes" ({item id:
# figure}), "liked" (ids of items the viewer likes) and "comments" ({item id: published
# comments}) are what VideoSerializer reads.
video_page_context = Signal()

# Sent once per item, the first time it is listed (ready, published, public, owner active); never
# again on later edits; args: video.
video_went_live = Signal()

# Sent when processing an upload ended; args: video, ready (True when ready, False when failed).
video_processed = Signal()

# Sent after every save of an item that derives its listing fields afresh (creation, edits,
# publishing, an upload accepted, processing ended), so whether it is open may have changed;
# args: video. Not sent for an owner's suspension: account_status_changed says that.
video_listing_refreshed = Signal()
