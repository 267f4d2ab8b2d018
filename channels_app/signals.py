"""Signals channels_app sends, so higher apps react to subscriptions unimported."""

from django.dispatch import Signal

# Sent once when a new subscription is made (not for repeats); args: subscription.
subscribed = Signal()
