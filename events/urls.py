from django.urls import path

from events.views import EventStreamView, EventTicketView

urlpatterns = [
    path("events", EventStreamView.as_view(), name="events"),
    path("events/ticket", EventTicketView.as_view(), name="events-ticket"),
]
