"""Signals videos sends, so higher apps react to items without videos importing them."""

from django.dispatch import Signal

# Sent after an item is deleted; args: video (the deleted document, id still set).
video_deleted = Signal()
