from django.urls import path

from dashboard.views import DashboardVideoViewSet, DashboardViewSet, SearchViewSet

urlpatterns = [
    path("search", SearchViewSet.as_view({"get": "list"}), name="search"),
    path("dashboard/stats", DashboardViewSet.as_view({"get": "stats"}), name="dashboard-stats"),
    path(
        "dashboard/videos", DashboardVideoViewSet.as_view({"get": "list"}), name="dashboard-videos"
    ),
    path(
        "dashboard/videos/<str:pk>/analytics",
        DashboardViewSet.as_view({"get": "analytics"}),
        name="dashboard-video-analytics",
    ),
    path(
        "dashboard/timeseries",
        DashboardViewSet.as_view({"get": "timeseries"}),
        name="dashboard-timeseries",
    ),
]
