"""Contains all the data models used in inputs/outputs"""

from .analytics import Analytics
from .auth_login_create_x_auth_cookies import AuthLoginCreateXAuthCookies
from .auth_register_verify_create_x_auth_cookies import AuthRegisterVerifyCreateXAuthCookies
from .auth_result import AuthResult
from .auth_token_refresh_create_x_auth_cookies import AuthTokenRefreshCreateXAuthCookies
from .avatar_upload_request import AvatarUploadRequest
from .block import Block
from .caption_track import CaptionTrack
from .caption_upload_request import CaptionUploadRequest
from .category_enum import CategoryEnum
from .channel import Channel
from .channels_videos_list_kind import ChannelsVideosListKind
from .channels_videos_list_sort import ChannelsVideosListSort
from .chapter import Chapter
from .chapter_input_request import ChapterInputRequest
from .chapters_input_request import ChaptersInputRequest
from .chapters_source_enum import ChaptersSourceEnum
from .closed_data import ClosedData
from .closed_data_reason_enum import ClosedDataReasonEnum
from .closed_event import ClosedEvent
from .comment import Comment
from .comment_create_request import CommentCreateRequest
from .comment_status_enum import CommentStatusEnum
from .comments_policy_enum import CommentsPolicyEnum
from .counter_data import CounterData
from .counter_event import CounterEvent
from .cover_image_upload_request import CoverImageUploadRequest
from .creator_comment import CreatorComment
from .daily_figures import DailyFigures
from .dashboard_comments_list_status import DashboardCommentsListStatus
from .dashboard_timeseries_retrieve_metric import DashboardTimeseriesRetrieveMetric
from .dashboard_video import DashboardVideo
from .dashboard_videos_list_sort import DashboardVideosListSort
from .data_export import DataExport
from .data_export_status_enum import DataExportStatusEnum
from .deletion import Deletion
from .deletion_request_request import DeletionRequestRequest
from .error import Error
from .error_detail import ErrorDetail
from .error_detail_fields import ErrorDetailFields
from .feed_page import FeedPage
from .feed_tweet_entry import FeedTweetEntry
from .feed_video_entry import FeedVideoEntry
from .history_entry import HistoryEntry
from .item_put_request import ItemPutRequest
from .kind_channels import KindChannels
from .kind_channels_patch_request import KindChannelsPatchRequest
from .kind_enum import KindEnum
from .like_state import LikeState
from .liked_video import LikedVideo
from .login_request import LoginRequest
from .mark_read_request import MarkReadRequest
from .marked import Marked
from .me import Me
from .media_file_request import MediaFileRequest
from .metric_enum import MetricEnum
from .notification import Notification
from .notification_event import NotificationEvent
from .notification_kind_enum import NotificationKindEnum
from .notification_settings import NotificationSettings
from .notification_target import NotificationTarget
from .notification_target_type_enum import NotificationTargetTypeEnum
from .notify_enum import NotifyEnum
from .notify_request import NotifyRequest
from .paginated_block_list import PaginatedBlockList
from .paginated_caption_track_list import PaginatedCaptionTrackList
from .paginated_comment_list import PaginatedCommentList
from .paginated_creator_comment_list import PaginatedCreatorCommentList
from .paginated_dashboard_video_list import PaginatedDashboardVideoList
from .paginated_history_entry_list import PaginatedHistoryEntryList
from .paginated_liked_video_list import PaginatedLikedVideoList
from .paginated_notification_list import PaginatedNotificationList
from .paginated_playlist_summary_list import PaginatedPlaylistSummaryList
from .paginated_related_video_list import PaginatedRelatedVideoList
from .paginated_search_result_list import PaginatedSearchResultList
from .paginated_subscriber_list import PaginatedSubscriberList
from .paginated_subscription_list import PaginatedSubscriptionList
from .paginated_trending_video_list import PaginatedTrendingVideoList
from .paginated_tweet_list import PaginatedTweetList
from .paginated_video_list import PaginatedVideoList
from .password_change_request import PasswordChangeRequest
from .patched_comment_write_request import PatchedCommentWriteRequest
from .patched_item_move_request import PatchedItemMoveRequest
from .patched_notification_settings_patch_request import PatchedNotificationSettingsPatchRequest
from .patched_notify_request import PatchedNotifyRequest
from .patched_playlist_update_request import PatchedPlaylistUpdateRequest
from .patched_profile_update_request import PatchedProfileUpdateRequest
from .patched_tweet_write_request import PatchedTweetWriteRequest
from .patched_video_update_request import PatchedVideoUpdateRequest
from .patched_watch_later_update_request import PatchedWatchLaterUpdateRequest
from .playlist import Playlist
from .playlist_create_multipart_request import PlaylistCreateMultipartRequest
from .playlist_create_request import PlaylistCreateRequest
from .playlist_entry import PlaylistEntry
from .playlist_kind_enum import PlaylistKindEnum
from .playlist_summary import PlaylistSummary
from .playlist_thumbnail_request import PlaylistThumbnailRequest
from .point import Point
from .refresh_request import RefreshRequest
from .register_multipart_request import RegisterMultipartRequest
from .register_request import RegisterRequest
from .registration_started import RegistrationStarted
from .related_video import RelatedVideo
from .related_video_reason_enum import RelatedVideoReasonEnum
from .rendition import Rendition
from .report import Report
from .report_status_enum import ReportStatusEnum
from .report_target import ReportTarget
from .report_target_type_enum import ReportTargetTypeEnum
from .report_write_request import ReportWriteRequest
from .resend_request import ResendRequest
from .resync_data import ResyncData
from .resync_event import ResyncEvent
from .score_parts import ScoreParts
from .search_channel_hit import SearchChannelHit
from .search_list_duration import SearchListDuration
from .search_list_kind import SearchListKind
from .search_list_type import SearchListType
from .search_list_uploaded import SearchListUploaded
from .search_playlist_hit import SearchPlaylistHit
from .search_video_hit import SearchVideoHit
from .sentiment import Sentiment
from .stats import Stats
from .subscriber import Subscriber
from .subscription import Subscription
from .thumbnail_candidate import ThumbnailCandidate
from .thumbnail_frame_request import ThumbnailFrameRequest
from .thumbnail_request import ThumbnailRequest
from .ticket import Ticket
from .timeseries import Timeseries
from .token_pair import TokenPair
from .trending_list_window import TrendingListWindow
from .trending_video import TrendingVideo
from .tweet import Tweet
from .tweet_write_request import TweetWriteRequest
from .unread_count import UnreadCount
from .unread_count_data import UnreadCountData
from .unread_count_event import UnreadCountEvent
from .upload import Upload
from .uploads_create_tus_resumable import UploadsCreateTusResumable
from .uploads_destroy_tus_resumable import UploadsDestroyTusResumable
from .uploads_partial_update_tus_resumable import UploadsPartialUpdateTusResumable
from .user import User
from .verify_request import VerifyRequest
from .video import Video
from .video_create_multipart_request import VideoCreateMultipartRequest
from .video_create_request import VideoCreateRequest
from .video_progress_data import VideoProgressData
from .video_progress_event import VideoProgressEvent
from .video_status_enum import VideoStatusEnum
from .videos_comments_list_sort import VideosCommentsListSort
from .videos_list_kind import VideosListKind
from .videos_list_sort import VideosListSort
from .videos_list_window import VideosListWindow
from .view_input_request import ViewInputRequest
from .view_result import ViewResult
from .visibility_enum import VisibilityEnum

__all__ = (
    "Analytics",
    "AuthLoginCreateXAuthCookies",
    "AuthRegisterVerifyCreateXAuthCookies",
    "AuthResult",
    "AuthTokenRefreshCreateXAuthCookies",
    "AvatarUploadRequest",
    "Block",
    "CaptionTrack",
    "CaptionUploadRequest",
    "CategoryEnum",
    "Channel",
    "ChannelsVideosListKind",
    "ChannelsVideosListSort",
    "Chapter",
    "ChapterInputRequest",
    "ChaptersInputRequest",
    "ChaptersSourceEnum",
    "ClosedData",
    "ClosedDataReasonEnum",
    "ClosedEvent",
    "Comment",
    "CommentCreateRequest",
    "CommentsPolicyEnum",
    "CommentStatusEnum",
    "CounterData",
    "CounterEvent",
    "CoverImageUploadRequest",
    "CreatorComment",
    "DailyFigures",
    "DashboardCommentsListStatus",
    "DashboardTimeseriesRetrieveMetric",
    "DashboardVideo",
    "DashboardVideosListSort",
    "DataExport",
    "DataExportStatusEnum",
    "Deletion",
    "DeletionRequestRequest",
    "Error",
    "ErrorDetail",
    "ErrorDetailFields",
    "FeedPage",
    "FeedTweetEntry",
    "FeedVideoEntry",
    "HistoryEntry",
    "ItemPutRequest",
    "KindChannels",
    "KindChannelsPatchRequest",
    "KindEnum",
    "LikedVideo",
    "LikeState",
    "LoginRequest",
    "Marked",
    "MarkReadRequest",
    "Me",
    "MediaFileRequest",
    "MetricEnum",
    "Notification",
    "NotificationEvent",
    "NotificationKindEnum",
    "NotificationSettings",
    "NotificationTarget",
    "NotificationTargetTypeEnum",
    "NotifyEnum",
    "NotifyRequest",
    "PaginatedBlockList",
    "PaginatedCaptionTrackList",
    "PaginatedCommentList",
    "PaginatedCreatorCommentList",
    "PaginatedDashboardVideoList",
    "PaginatedHistoryEntryList",
    "PaginatedLikedVideoList",
    "PaginatedNotificationList",
    "PaginatedPlaylistSummaryList",
    "PaginatedRelatedVideoList",
    "PaginatedSearchResultList",
    "PaginatedSubscriberList",
    "PaginatedSubscriptionList",
    "PaginatedTrendingVideoList",
    "PaginatedTweetList",
    "PaginatedVideoList",
    "PasswordChangeRequest",
    "PatchedCommentWriteRequest",
    "PatchedItemMoveRequest",
    "PatchedNotificationSettingsPatchRequest",
    "PatchedNotifyRequest",
    "PatchedPlaylistUpdateRequest",
    "PatchedProfileUpdateRequest",
    "PatchedTweetWriteRequest",
    "PatchedVideoUpdateRequest",
    "PatchedWatchLaterUpdateRequest",
    "Playlist",
    "PlaylistCreateMultipartRequest",
    "PlaylistCreateRequest",
    "PlaylistEntry",
    "PlaylistKindEnum",
    "PlaylistSummary",
    "PlaylistThumbnailRequest",
    "Point",
    "RefreshRequest",
    "RegisterMultipartRequest",
    "RegisterRequest",
    "RegistrationStarted",
    "RelatedVideo",
    "RelatedVideoReasonEnum",
    "Rendition",
    "Report",
    "ReportStatusEnum",
    "ReportTarget",
    "ReportTargetTypeEnum",
    "ReportWriteRequest",
    "ResendRequest",
    "ResyncData",
    "ResyncEvent",
    "ScoreParts",
    "SearchChannelHit",
    "SearchListDuration",
    "SearchListKind",
    "SearchListType",
    "SearchListUploaded",
    "SearchPlaylistHit",
    "SearchVideoHit",
    "Sentiment",
    "Stats",
    "Subscriber",
    "Subscription",
    "ThumbnailCandidate",
    "ThumbnailFrameRequest",
    "ThumbnailRequest",
    "Ticket",
    "Timeseries",
    "TokenPair",
    "TrendingListWindow",
    "TrendingVideo",
    "Tweet",
    "TweetWriteRequest",
    "UnreadCount",
    "UnreadCountData",
    "UnreadCountEvent",
    "Upload",
    "UploadsCreateTusResumable",
    "UploadsDestroyTusResumable",
    "UploadsPartialUpdateTusResumable",
    "User",
    "VerifyRequest",
    "Video",
    "VideoCreateMultipartRequest",
    "VideoCreateRequest",
    "VideoProgressData",
    "VideoProgressEvent",
    "VideosCommentsListSort",
    "VideosListKind",
    "VideosListSort",
    "VideosListWindow",
    "VideoStatusEnum",
    "ViewInputRequest",
    "ViewResult",
    "VisibilityEnum",
)
