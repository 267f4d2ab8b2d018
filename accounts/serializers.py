"""Account payloads in and out."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.api.serializers import PatternField, StrictSerializer, TimestampField, image_field
from common.storage import public_url

USERNAME_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.]{2,29}$"
USERNAME_HELP = "3 to 30 letters, digits, underscores or dots, not starting with a dot."


def new_password_field() -> PatternField:
    """A password being chosen, with the limits the password validators enforce."""
    return PatternField(
        r"^(?![0-9]+$)[^\x00]{8,128}$",
        write_only=True,
        min_length=8,
        max_length=128,
        style={"input_type": "password"},
        help_text="8 to 128 characters, not only digits, not a commonly used password.",
    )


class UserSerializer(serializers.Serializer):
    """A user as anyone may see them."""

    id = serializers.CharField(read_only=True)
    username = serializers.CharField(read_only=True)
    full_name = serializers.CharField(read_only=True)
    avatar_url = serializers.SerializerMethodField()
    cover_image_url = serializers.SerializerMethodField()
    created_at = TimestampField(read_only=True)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_avatar_url(self, user) -> str | None:
        return public_url(user.avatar, self.context.get("request"))

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_cover_image_url(self, user) -> str | None:
        return public_url(user.cover_image, self.context.get("request"))


class BlockSerializer(serializers.Serializer):
    """Someone I blocked, and since when; needs `users` (id -> user) in the context."""

    user = serializers.SerializerMethodField()
    created_at = TimestampField()

    @extend_schema_field(UserSerializer)
    def get_user(self, block) -> dict:
        return UserSerializer(self.context["users"][block.blocked_id], context=self.context).data


class MeSerializer(UserSerializer):
    """A user as they see themselves: with their e-mail."""

    email = serializers.EmailField(read_only=True)
    email_verified = serializers.BooleanField(read_only=True)
    updated_at = TimestampField(read_only=True)


class RegisterSerializer(StrictSerializer):
    username = PatternField(USERNAME_PATTERN, max_length=30, help_text=USERNAME_HELP)
    email = serializers.EmailField(max_length=254)
    full_name = serializers.CharField(max_length=100)
    password = new_password_field()
    avatar = image_field(required=False)
    cover_image = image_field(required=False)


class RegistrationStartedSerializer(serializers.Serializer):
    email = serializers.EmailField()
    expires_in = serializers.IntegerField(help_text="Seconds the e-mailed code stays valid.")


class VerifySerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)
    otp = PatternField(r"^[0-9]{6}$", max_length=6, help_text="The 6-digit code from the e-mail.")


class ResendSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)


class LoginSerializer(StrictSerializer):
    login = serializers.CharField(max_length=254, help_text="Username or e-mail.")
    password = serializers.CharField(max_length=128, style={"input_type": "password"})


class RefreshSerializer(StrictSerializer):
    refresh = serializers.CharField(
        required=False, help_text="Omit to use the refresh_token cookie (then send X-CSRFToken)."
    )


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class AuthResultSerializer(TokenPairSerializer):
    user = MeSerializer()


class PasswordChangeSerializer(StrictSerializer):
    old_password = serializers.CharField(max_length=128)
    new_password = new_password_field()


class ProfileUpdateSerializer(StrictSerializer):
    username = PatternField(
        USERNAME_PATTERN, max_length=30, required=False, help_text=USERNAME_HELP
    )
    full_name = serializers.CharField(max_length=100, required=False)


class AvatarUploadSerializer(StrictSerializer):
    avatar = image_field()


class CoverImageUploadSerializer(StrictSerializer):
    cover_image = image_field()
