"""Builders for channel tests."""

from rest_framework.test import APIClient

CHANNELS = "/api/v1/channels"
MY_SUBSCRIPTIONS = "/api/v1/users/me/subscriptions"


def channel_url(channel, suffix: str = "") -> str:
    return f"{CHANNELS}/{channel.username}{suffix}"


def subscribe(client, channel, **body):
    """PUT the subscription, with a JSON body only when one is given."""
    url = channel_url(channel, "/subscription")
    return client.put(url, body, format="json") if body else client.put(url)


def unsubscribe(client, channel):
    return client.delete(channel_url(channel, "/subscription"))


def same_user(client) -> APIClient:
    """A fresh client with the same credentials: a test client must not be shared by threads."""
    twin = APIClient()
    twin.credentials(**client._credentials)
    return twin
