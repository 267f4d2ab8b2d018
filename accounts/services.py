"""Account writes: registration with e-mail codes, sign-in, session rotation and profile changes."""

import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from bson import ObjectId
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from mongoengine import NotUniqueError, Q
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken

from accounts import selectors
from accounts.addresses import NotAnAddress, canonical_email
from accounts.documents import AuthSession, Block, PendingRegistration, User
from accounts.signals import account_status_changed, user_blocked, user_unblocked
from accounts.tasks import send_registration_notice, send_verification_code
from common import cache, live
from common.errors import AuthenticationFailed, Conflict, NotAllowed, RateLimited, RuleViolation
from common.images import ValidatedImage, validate_image
from common.search import document_tokens
from common.tasks import delete_files


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str
    session: AuthSession


def _digest(content: bytes | None) -> str:
    return hashlib.sha256(content).hexdigest() if content else ""


def _otp_hash(*, pending: PendingRegistration, code: str) -> str:
    """The code's HMAC over the exact sign-up it was mailed for, so it confirms nothing else."""
    signed = json.dumps(
        [
            pending.email,
            code,
            pending.username,
            pending.full_name,
            pending.password,
            _digest(pending.avatar_content),
            pending.avatar_extension,
            _digest(pending.cover_image_content),
            pending.cover_image_extension,
        ]
    )
    return hmac.new(settings.SECRET_KEY.encode(), signed.encode(), hashlib.sha256).hexdigest()


def _new_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def _check_password_rules(password: str, field: str = "password") -> None:
    try:
        validate_password(password)
    except DjangoValidationError as exc:
        raise RuleViolation(exc.messages[0], fields={field: list(exc.messages)}) from exc


def _canonical(email: str) -> str:
    try:
        return canonical_email(email)
    except NotAnAddress as exc:
        raise RuleViolation.on_field("email", "Enter a valid email address.") from exc


def _ensure_identity_free(*, username: str, email: str) -> None:
    taken = {}
    if selectors.username_taken(username=username):
        taken["username"] = ["This username is taken."]
    if selectors.email_taken(email=email):
        taken["email"] = ["An account with this e-mail already exists."]
    if taken:
        message = next(iter(taken.values()))[0]
        raise Conflict(message, fields=taken)


def start_registration(
    *,
    username: str,
    email: str,
    full_name: str,
    password: str,
    avatar=None,
    cover_image=None,
) -> str:
    """Hold a sign-up until whoever reads the e-mail confirms it with the code mailed there.

    Only the mailbox's owner may decide an account's credentials, so the first sign-up for an
    address fixes them until it lapses (PENDING_REGISTRATION_TTL_SECONDS after it started; new
    codes do not extend it), and each code is bound to exactly that data. A repeat for an address
    already waiting changes nothing and gets the same answer as a first one (no enumeration):
    with the waiting sign-up's password it is the registrant retrying and gets a fresh code, once
    per resend cooldown; anyone else's only sends the address a notice, never a code for
    credentials its owner did not choose. Once lapsed, the address is free to sign up again.
    Every spelling of an address is that address (accounts.addresses), so a look-alike of a
    taken one is taken. Returns the canonical address the code goes to.
    """
    email = _canonical(email)
    _check_password_rules(password)
    _ensure_identity_free(username=username, email=email)
    avatar_image = validate_image(upload=avatar, field="avatar") if avatar else None
    cover = validate_image(upload=cover_image, field="cover_image") if cover_image else None
    now = timezone.now()
    PendingRegistration.objects(email=email, expires_at__lte=now).delete()
    waiting = PendingRegistration.objects(email=email).first()
    if waiting is None:
        pending = PendingRegistration(
            email=email,
            username=username,
            full_name=full_name,
            password=make_password(password),
            avatar_content=avatar_image.content if avatar_image else None,
            avatar_extension=avatar_image.extension if avatar_image else "",
            cover_image_content=cover.content if cover else None,
            cover_image_extension=cover.extension if cover else "",
            otp_expires_at=now + timedelta(seconds=settings.OTP_TTL_SECONDS),
            attempts=0,
            sent_at=now,
            expires_at=now + timedelta(seconds=settings.PENDING_REGISTRATION_TTL_SECONDS),
        )
        code = _new_code()
        pending.otp_hash = _otp_hash(pending=pending, code=code)
        try:
            pending.save(force_insert=True)
        except NotUniqueError:
            waiting = PendingRegistration.objects(email=email).first()
        else:
            send_verification_code.delay(email, code, username)
            return email
    if waiting is not None:
        _answer_repeat_registration(pending=waiting, password=password, now=now)
    return email


def _answer_repeat_registration(
    *, pending: PendingRegistration, password: str, now: datetime
) -> None:
    """The registrant retrying gets a fresh code; anyone else only gets the address told."""
    if check_password(password, pending.password):
        code = _renew_code(pending=pending, now=now)
        if code is not None:
            send_verification_code.delay(pending.email, code, pending.username)
        return
    cooldown = timedelta(seconds=settings.OTP_RESEND_COOLDOWN_SECONDS)
    due = Q(notice_sent_at=None) | Q(notice_sent_at__lte=now - cooldown)
    if PendingRegistration.objects(Q(id=pending.id) & due).update_one(set__notice_sent_at=now):
        minutes_left = max(1, int((pending.expires_at - now).total_seconds() // 60) + 1)
        send_registration_notice.delay(pending.email, minutes_left)


def _renew_code(*, pending: PendingRegistration, now: datetime) -> str | None:
    """Replace the sign-up's code unless one went out within the cooldown; the new code or None."""
    cooldown = timedelta(seconds=settings.OTP_RESEND_COOLDOWN_SECONDS)
    code = _new_code()
    renewed = PendingRegistration.objects(id=pending.id, sent_at__lte=now - cooldown).update_one(
        set__otp_hash=_otp_hash(pending=pending, code=code),
        set__otp_expires_at=now + timedelta(seconds=settings.OTP_TTL_SECONDS),
        set__attempts=0,
        set__sent_at=now,
    )
    return code if renewed else None


def resend_registration_code(*, email: str) -> None:
    """Mail a fresh code, at most once per cooldown; unknown addresses get the same silence.

    The sign-up's lifetime stays as it was, so nobody can hold an address by asking again.
    """
    email = _canonical(email)
    now = timezone.now()
    pending = PendingRegistration.objects(email=email, expires_at__gt=now).first()
    if pending is None:
        return
    code = _renew_code(pending=pending, now=now)
    if code is None:
        cooldown = timedelta(seconds=settings.OTP_RESEND_COOLDOWN_SECONDS)
        wait = int((pending.sent_at + cooldown - now).total_seconds()) + 1
        raise RateLimited("Wait before asking for another code.", wait=wait)
    send_verification_code.delay(email, code, pending.username)


def _otp_error(code: str, message: str) -> RuleViolation:
    return RuleViolation.on_field("otp", message, code=code)


def verify_registration(*, email: str, otp: str) -> User:
    """Create the account once the e-mailed code matches; five wrong tries kill the code."""
    email = _canonical(email)
    now = timezone.now()
    pending = PendingRegistration.objects(email=email, expires_at__gt=now).first()
    if pending is None:
        raise _otp_error("registration_not_found", "No pending registration for this e-mail.")
    if pending.attempts >= settings.OTP_MAX_ATTEMPTS:
        raise _otp_error("otp_exhausted", "Too many wrong codes; request a new one.")
    if pending.otp_expires_at <= now:
        raise _otp_error("otp_expired", "The code has expired; request a new one.")
    if not hmac.compare_digest(pending.otp_hash, _otp_hash(pending=pending, code=otp)):
        counted = PendingRegistration.objects(
            id=pending.id, attempts__lt=settings.OTP_MAX_ATTEMPTS
        ).update_one(inc__attempts=1)
        left = settings.OTP_MAX_ATTEMPTS - pending.attempts - 1
        if not counted or left <= 0:
            raise _otp_error("otp_exhausted", "Too many wrong codes; request a new one.")
        raise _otp_error("otp_invalid", f"The code is wrong; {left} attempt(s) left.")
    consumed = PendingRegistration.objects(id=pending.id, otp_hash=pending.otp_hash).delete()
    if not consumed:
        raise _otp_error("otp_invalid", "The code was already used.")
    return _create_user(pending)


@dataclass(frozen=True)
class StoredEmails:
    """What bringing stored addresses into their canonical form did and could not do."""

    changed: int
    # (username, canonical address) where another account already holds that address.
    clashes: list[tuple[str, str]]
    # Usernames whose stored address has no canonical form (its domain is no host name).
    invalid: list[str]


# Addresses that may not be canonical: with a capital or a character beyond ASCII.
MAYBE_NOT_CANONICAL = {"email": {"$regex": "[A-Z]|[^\\x00-\\x7f]"}}


def canonicalise_stored_emails() -> StoredEmails:
    """Rewrite addresses stored before they were kept canonical. A look-alike of an address
    another account holds is reported, never merged: staff decide which account is genuine."""
    changed, clashes, invalid = 0, [], []
    for user in User.objects(__raw__=MAYBE_NOT_CANONICAL).only("id", "username", "email"):
        try:
            email = canonical_email(user.email)
        except NotAnAddress:
            invalid.append(user.username)
            continue
        if email == user.email:
            continue
        try:
            changed += User.objects(id=user.id, email=user.email).update_one(set__email=email)
        except NotUniqueError:
            clashes.append((user.username, email))
    return StoredEmails(changed=changed, clashes=clashes, invalid=invalid)


def refresh_search_tokens(*, user: User) -> User:
    """Derive the user's search tokens from the username and full name (the caller saves)."""
    user.search_tokens = document_tokens(typed_ahead=[user.username, user.full_name])
    return user


def _create_user(pending: PendingRegistration) -> User:
    user = User(
        id=ObjectId(),
        username=pending.username,
        email=pending.email,
        full_name=pending.full_name,
        password=pending.password,
        email_verified=True,
    )
    refresh_search_tokens(user=user)
    if pending.avatar_content:
        user.avatar = _store_image(
            user.id, "avatars", pending.avatar_content, pending.avatar_extension
        )
    if pending.cover_image_content:
        user.cover_image = _store_image(
            user.id, "covers", pending.cover_image_content, pending.cover_image_extension
        )
    try:
        user.save(force_insert=True)
    except NotUniqueError as exc:
        delete_files.delay([user.avatar, user.cover_image])
        raise Conflict("The username or e-mail was taken meanwhile; register again.") from exc
    return user


def _store_image(user_id: ObjectId, folder: str, content: bytes, extension: str) -> str:
    name = f"{folder}/{user_id}/{uuid.uuid4().hex}.{extension}"
    return default_storage.save(name, ContentFile(content))


def authenticate_credentials(*, login: str, password: str) -> User:
    """Check a username-or-e-mail and password; one message for every failure so none leaks."""
    user = selectors.user_by_login(login=login)
    if user is None:
        make_password(password)
        raise AuthenticationFailed("Invalid login or password.", code="invalid_credentials")
    if not check_password(password, user.password):
        raise AuthenticationFailed("Invalid login or password.", code="invalid_credentials")
    if user.deletion_due_at is not None and not selectors.deletion_cancellable(user=user):
        raise NotAllowed("This account is being deleted.", code="account_deleted")
    if not user.is_active and user.deletion_due_at is None:
        raise NotAllowed("This account is suspended.", code="account_suspended")
    return user


def _refresh_expiry():
    return timezone.now() + settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"]


def _issue(user: User, session: AuthSession, jti: str) -> tuple[str, str]:
    refresh = RefreshToken.for_user(user)
    refresh["jti"] = jti
    refresh["sid"] = str(session.id)
    return str(refresh.access_token), str(refresh)


def open_session(*, user: User, user_agent: str = "", ip: str = "") -> TokenPair:
    """Start a session for a signed-in device and hand it its first token pair."""
    jti = uuid.uuid4().hex
    session = AuthSession(
        user_id=user.id,
        refresh_jti=jti,
        expires_at=_refresh_expiry(),
        user_agent=user_agent[:300],
        ip=ip,
    )
    session.save(force_insert=True)
    access, refresh = _issue(user, session, jti)
    return TokenPair(access=access, refresh=refresh, session=session)


def _session_error(message: str, code: str) -> AuthenticationFailed:
    return AuthenticationFailed(message, code=code)


def rotate_refresh_token(*, raw_token: str) -> TokenPair:
    """Trade a refresh token for a new pair; replaying a rotated one revokes its whole session."""
    try:
        token = RefreshToken(raw_token)
    except TokenError as exc:
        raise _session_error("The refresh token is invalid or expired.", "token_not_valid") from exc
    session_id, jti = token.get("sid"), token.get("jti")
    if not session_id or not ObjectId.is_valid(session_id):
        raise _session_error("The refresh token is invalid or expired.", "token_not_valid")
    session = AuthSession.objects(id=ObjectId(session_id)).first()
    if session is None or session.revoked_at is not None:
        raise _session_error("This session has ended; sign in again.", "session_revoked")
    user = User.objects(id=session.user_id).first()
    if user is None or not user.is_active:
        revoke_session(session_id=session.id, reason="inactive")
        raise _session_error("This account cannot sign in.", "account_suspended")
    new_jti = uuid.uuid4().hex
    rotated = AuthSession.objects(id=session.id, refresh_jti=jti, revoked_at=None).update_one(
        set__refresh_jti=new_jti,
        set__last_used_at=timezone.now(),
        set__expires_at=_refresh_expiry(),
    )
    if not rotated:
        revoke_session(session_id=session.id, reason="refresh_reuse")
        raise _session_error(
            "This refresh token was already used; the session is revoked.", "refresh_reused"
        )
    access, refresh = _issue(user, session, new_jti)
    return TokenPair(access=access, refresh=refresh, session=session)


def revoke_session(*, session_id: ObjectId, reason: str) -> None:
    """End one session; its refresh and access tokens stop working at once."""
    AuthSession.objects(id=session_id, revoked_at=None).update_one(
        set__revoked_at=timezone.now(), set__revoked_reason=reason
    )
    live.sessions_ended(session_id=session_id)


def revoke_user_sessions(*, user: User, reason: str, keep: ObjectId | None = None) -> int:
    """End every session of a user, optionally sparing the current one."""
    query = AuthSession.objects(user_id=user.id, revoked_at=None)
    if keep is not None:
        query = query.filter(id__ne=keep)
    revoked = query.update(set__revoked_at=timezone.now(), set__revoked_reason=reason)
    live.sessions_ended(user_id=user.id, keep=keep)
    return revoked


def set_user_active(*, user: User, active: bool) -> User:
    """Suspend or reinstate an account: sign-in, tokens and every item follow at once. An
    account being deleted is hidden already and stays so: it is neither suspended nor restored."""
    if user.deletion_due_at is not None:
        raise Conflict("This account is being deleted.", code="account_deleted")
    user.is_active = active
    user.save()
    cache.bump(("user", user.id))
    if not active:
        revoke_user_sessions(user=user, reason="suspended")
    account_status_changed.send(sender=User, user=user, active=active)
    return user


def change_password(
    *, user: User, old_password: str, new_password: str, session_id: ObjectId | None
) -> None:
    """Replace the password after checking the old one, and sign out every other device."""
    if not check_password(old_password, user.password):
        raise RuleViolation.on_field("old_password", "The current password is wrong.")
    _check_password_rules(new_password, field="new_password")
    user.password = make_password(new_password)
    user.save()
    revoke_user_sessions(user=user, reason="password_changed", keep=session_id)


def update_profile(*, user: User, changes: dict) -> User:
    """Apply validated profile changes; a username stays unique in any case."""
    taken = Conflict.on_field("username", "This username is taken.")
    renamed = "username" in changes and changes["username"].lower() != user.username_lower
    if renamed and selectors.username_taken(username=changes["username"]):
        raise taken
    for field in ("username", "full_name"):
        if field in changes:
            setattr(user, field, changes[field])
    refresh_search_tokens(user=user)
    try:
        user.save()
    except NotUniqueError as exc:
        raise taken from exc
    cache.bump(("user", user.id))
    return user


def _replace_image(*, user: User, attribute: str, folder: str, image: ValidatedImage) -> User:
    old = getattr(user, attribute)
    setattr(user, attribute, _store_image(user.id, folder, image.content, image.extension))
    user.save()
    cache.bump(("user", user.id))
    if old:
        delete_files.delay([old])
    return user


def set_avatar(*, user: User, upload) -> User:
    """Store a new avatar and drop the old file."""
    image = validate_image(upload=upload, field="avatar")
    return _replace_image(user=user, attribute="avatar", folder="avatars", image=image)


def set_cover_image(*, user: User, upload) -> User:
    """Store a new cover image and drop the old file."""
    image = validate_image(upload=upload, field="cover_image")
    return _replace_image(user=user, attribute="cover_image", folder="covers", image=image)


def block_user(*, blocker: User, blocked: User) -> Block:
    """Block someone (idempotent); only a new block tells other apps, so they undo it once."""
    if blocker.id == blocked.id:
        raise RuleViolation.on_field("username", "You cannot block yourself.", code="own_account")
    now = timezone.now()
    # At the store's precision (milliseconds), so a repeat answers the very same block.
    now = now.replace(microsecond=now.microsecond // 1000 * 1000)
    block = Block(blocker_id=blocker.id, blocked_id=blocked.id, created_at=now)
    try:
        block.save(force_insert=True)
    except NotUniqueError:
        return Block.objects.get(blocker_id=blocker.id, blocked_id=blocked.id)
    user_blocked.send(sender=Block, blocker=blocker, blocked=blocked)
    return block


def unblock_user(*, blocker: User, blocked: User) -> bool:
    """Lift a block (idempotent); says whether there was one."""
    removed = Block._get_collection().delete_one(
        {"blocker_id": blocker.id, "blocked_id": blocked.id}
    )
    if removed.deleted_count != 1:
        return False
    user_unblocked.send(sender=Block, blocker=blocker, blocked=blocked)
    return True
