"""The whole account journey through the public API, as a client would walk it."""

from accounts.documents import AuthSession, PendingRegistration, User
from accounts.tests.helpers import image_upload, otp_from_mail

BASE = "/api/v1"


def test_register_verify_login_refresh_reuse_logout(api_client, mailoutbox):
    response = api_client.post(
        f"{BASE}/auth/register",
        {
            "username": "Ada",
            "email": "Ada@Example.com",
            "full_name": "Ada Lovelace",
            "password": "analytical-engine-1843",
            "avatar": image_upload(),
        },
        format="multipart",
    )
    assert response.status_code == 202, response.content
    assert response.json() == {"email": "ada@example.com", "expires_in": 300}
    assert User.objects.count() == 0
    pending = PendingRegistration.objects.get(email="ada@example.com")
    code = otp_from_mail(mailoutbox, "ada@example.com")
    assert code not in pending.otp_hash and len(code) == 6

    response = api_client.post(
        f"{BASE}/auth/register/verify", {"email": "ada@example.com", "otp": code}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["user"]["username"] == "Ada"
    assert body["user"]["email"] == "ada@example.com"
    assert body["user"]["avatar_url"].startswith("http://testserver/media/avatars/")
    assert "password" not in body["user"]
    assert PendingRegistration.objects.count() == 0
    user = User.objects.get(username_lower="ada")
    assert user.password.startswith("md5$") and "analytical" not in user.password

    response = api_client.post(
        f"{BASE}/auth/login",
        {"login": "ADA@example.com", "password": "analytical-engine-1843"},
        format="json",
    )
    assert response.status_code == 200
    first_refresh = response.json()["refresh"]
    assert response.cookies["access_token"]["httponly"]
    assert response.cookies["refresh_token"]["httponly"]
    assert AuthSession.objects(user_id=user.id).count() == 2

    response = api_client.post(
        f"{BASE}/auth/token/refresh", {"refresh": first_refresh}, format="json"
    )
    assert response.status_code == 200
    rotated = response.json()
    assert rotated["refresh"] != first_refresh

    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {rotated['access']}")
    me = api_client.get(f"{BASE}/users/me")
    assert me.status_code == 200 and me.json()["username"] == "Ada"

    reuse = api_client.post(f"{BASE}/auth/token/refresh", {"refresh": first_refresh}, format="json")
    assert reuse.status_code == 401
    assert reuse.json()["error"]["code"] == "refresh_reused"
    after = api_client.post(
        f"{BASE}/auth/token/refresh", {"refresh": rotated["refresh"]}, format="json"
    )
    assert after.status_code == 401, "reuse must revoke the whole session"
    assert api_client.get(f"{BASE}/users/me").status_code == 401

    login = api_client.post(
        f"{BASE}/auth/login", {"login": "ada", "password": "analytical-engine-1843"}, format="json"
    ).json()
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {login['access']}")
    assert api_client.post(f"{BASE}/auth/logout").status_code == 204
    assert api_client.get(f"{BASE}/users/me").status_code == 401
    refused = api_client.post(
        f"{BASE}/auth/token/refresh", {"refresh": login["refresh"]}, format="json"
    )
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "session_revoked"
