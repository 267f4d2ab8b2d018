from django.urls import path

from discovery.views import RelatedViewSet

urlpatterns = [
    path("videos/<str:pk>/related", RelatedViewSet.as_view({"get": "list"}), name="video-related"),
]
