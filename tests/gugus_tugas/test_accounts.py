import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from gugus_tugas.models import Invitation, Membership, User
from gugus_tugas.roles import Role
from tests.factories import PASSWORD, InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_people_log_in_with_their_email(client, admin_a, tf_a):
    response = client.post(reverse("account_login"),
                           {"login": "ADMIN.A@contoh.id", "password": PASSWORD})
    assert response.status_code == 302
    # one task force: straight to its home
    assert client.get(reverse("home")).url == reverse("task_force_home", args=[tf_a.code])


def test_there_is_no_open_sign_up(client):
    response = client.post(reverse("account_signup"),
                           {"email": "siapa@contoh.id", "password1": "x9!kq2LmZp", "password2": "x9!kq2LmZp"})
    assert not User.objects.filter(email="siapa@contoh.id").exists()
    assert response.status_code in (200, 403)


def test_repeated_failed_logins_lock_the_account_out(client, admin_a, settings):
    url = reverse("account_login")
    for i in range(5):
        r = client.post(url, {"login": admin_a.email, "password": "salah"},
                        REMOTE_ADDR=f"10.0.0.{i + 1}")
        assert "Terlalu banyak" not in r.content.decode()
    # the 6th attempt, even with the right password and from yet another address, is refused
    r = client.post(url, {"login": admin_a.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.99")
    assert r.status_code != 302
    assert "Terlalu banyak percobaan masuk yang gagal" in r.content.decode()


def test_repeated_failed_logins_from_one_address_are_locked_out(client, db):
    url = reverse("account_login")
    victim = UserFactory(email="korban.akun@contoh.id")
    for i in range(20):
        client.post(url, {"login": f"tebak{i}@contoh.id", "password": "salah"},
                    REMOTE_ADDR="10.9.9.9")
    r = client.post(url, {"login": victim.email, "password": PASSWORD}, REMOTE_ADDR="10.9.9.9")
    assert "Terlalu banyak percobaan masuk yang gagal" in r.content.decode()
    # another address is not affected
    r = client.post(url, {"login": victim.email, "password": PASSWORD}, REMOTE_ADDR="10.9.9.10")
    assert r.status_code == 302


def test_a_failed_login_answers_at_once_and_the_lockout_still_locks(client, admin_a, monkeypatch,
                                                                   settings):
    """No sleep inside the request: a few wrong passwords must not hold every web worker."""
    settings.LOGIN_SLOWDOWN_SECONDS = 0.5  # the old slow-down's production default: no effect

    def no_sleeping(seconds):
        raise AssertionError(f"a failed login slept {seconds} s inside the request")

    monkeypatch.setattr("time.sleep", no_sleeping)
    url = reverse("account_login")
    for _ in range(5):
        r = client.post(url, {"login": admin_a.email, "password": "salah"})
        assert r.status_code == 200
        assert "Terlalu banyak" not in r.content.decode()
    r = client.post(url, {"login": admin_a.email, "password": PASSWORD})
    assert "Terlalu banyak percobaan masuk yang gagal" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_sessions_expire_after_inactivity(login, admin_a, tf_a, settings, monkeypatch):
    """The session ends 30 minutes after the last request; its row is rewritten (the expiry
    moved on) at most once a minute, not on every page."""
    from django.contrib.sessions.models import Session

    client = login(admin_a)
    home = reverse("task_force_home", args=[tf_a.code])
    clock = [time.time()]
    monkeypatch.setattr("gugus_tugas.middleware.time.time", lambda: clock[0])
    client.get(home)
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 30 * 60
    key = client.session.session_key

    def expiry():
        return Session.objects.get(session_key=key).expire_date

    first = expiry()
    clock[0] += 20
    client.get(home)
    assert expiry() == first  # 20 s later: not written again
    clock[0] += settings.SESSION_REFRESH_SECONDS
    client.get(home)
    assert expiry() > first  # a minute on: the idle timeout starts again from this request
    # and an idle session is over after the 30 minutes
    Session.objects.filter(session_key=key).update(expire_date=timezone.now())
    assert client.get(home).status_code == 302


def invite(client, tf, email, role):
    return client.post(reverse("people", args=[tf.code]), {"email": email, "role": role})


def test_an_admin_invites_someone_who_creates_an_account(
    client, login, admin_a, tf_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(login(admin_a), tf_a, "baru@contoh.id", Role.DATA_VERIFIER)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http\S+/undangan/\S+/", mail.outbox[0].body).group(0)
    path = link.split("8000", 1)[-1] if "8000" in link else link
    client.logout()
    page = client.get(path)
    assert "Verifikator data" in page.content.decode()
    r = client.post(path, {"name": "Nur", "password1": "Sandi-Kuat-2026", "password2": "Sandi-Kuat-2026"})
    user = User.objects.get(email="baru@contoh.id")
    assert user.name == "Nur"
    assert Membership.objects.get(user=user, task_force=tf_a).role == Role.DATA_VERIFIER
    # a verifier sees victims' identities: two-factor set-up comes first
    assert r.url == reverse("mfa_activate_totp")
    # the link is used up
    assert client.get(path).status_code == 410


def test_an_expired_invite_link_says_so_and_creates_nothing(client, tf_a):
    inv = InvitationFactory(task_force=tf_a, expires_at=timezone.now() - timedelta(minutes=1))
    path = reverse("invitation_accept", args=[inv.token])
    r = client.post(path, {"name": "X", "password1": "Sandi-Kuat-2026", "password2": "Sandi-Kuat-2026"})
    assert r.status_code == 410
    assert "kedaluwarsa" in r.content.decode()
    assert not User.objects.filter(email=inv.email).exists()


def test_a_weak_password_is_refused_and_the_name_is_kept(client, tf_a):
    inv = InvitationFactory(task_force=tf_a)
    r = client.post(reverse("invitation_accept", args=[inv.token]),
                    {"name": "Siti Aminah", "password1": "12345678", "password2": "12345678"})
    assert r.status_code == 400
    assert 'value="Siti Aminah"' in r.content.decode()
    assert not User.objects.filter(email=inv.email).exists()


def test_an_existing_person_accepts_after_logging_in(client, login, tf_a, tf_b, admin_b):
    inv = InvitationFactory(task_force=tf_a, email=admin_b.email, role=Role.COORDINATOR)
    path = reverse("invitation_accept", args=[inv.token])
    assert reverse("account_login") in client.get(path).url
    client = login(admin_b)
    assert client.post(path).status_code == 302
    assert Membership.objects.get(user=admin_b, task_force=tf_a).role == Role.COORDINATOR
    assert Membership.objects.get(user=admin_b, task_force=tf_b).role == Role.SECRETARIAT_ADMIN


def test_inviting_an_existing_member_is_refused(login, admin_a, viewer_a, tf_a):
    r = invite(login(admin_a), tf_a, viewer_a.email.upper(), Role.COORDINATOR)
    assert r.status_code == 400
    assert "sudah menjadi anggota" in r.content.decode()
    assert not Invitation.objects.filter(task_force=tf_a).exists()
    assert len(mail.outbox) == 0


def test_a_role_that_does_not_exist_is_refused(login, admin_a, tf_a):
    r = invite(login(admin_a), tf_a, "x@contoh.id", "superuser")
    assert r.status_code == 400
    assert "tidak berwenang memberikan peran" in r.content.decode()
    assert not Invitation.objects.filter(task_force=tf_a).exists()


@pytest.mark.parametrize("who", ["coordinator_a", "viewer_a", "officer_a", "verifier_a"])
def test_only_the_secretariat_admin_may_invite(who, request, login, tf_a):
    client = login(request.getfixturevalue(who))
    assert invite(client, tf_a, "x@contoh.id", Role.VIEWER).status_code == 403
    assert not Invitation.objects.filter(task_force=tf_a).exists()


def test_data_roles_must_set_up_two_factor_before_anything(login, tf_a):
    from tests.conftest import member

    officer = member(tf_a, Role.DATA_OFFICER, "tanpa2fa@contoh.id", mfa=False)
    r = login(officer).get(reverse("task_force_home", args=[tf_a.code]))
    assert r.status_code == 302 and r.url == reverse("mfa_activate_totp")


def test_login_with_two_factor_asks_for_the_code(client, officer_a, tf_a):
    from gugus_tugas.totp import totp_code
    from tests.conftest import TOTP_SECRET

    home = reverse("task_force_home", args=[tf_a.code])
    r = client.post(reverse("account_login"), {"login": officer_a.email, "password": PASSWORD})
    assert r.status_code == 302
    assert r.url == reverse("mfa_authenticate")
    # the password alone gives no session: the task force page sends to the login
    r_home = client.get(home)
    assert r_home.status_code == 302 and r_home.url.startswith(reverse("account_login"))
    r = client.post(r.url, {"code": "000000"})
    assert r.status_code == 200  # the code form again, with an error
    assert client.get(home).status_code == 302
    r = client.post(reverse("mfa_authenticate"), {"code": totp_code(TOTP_SECRET)})
    assert r.status_code == 302
    assert client.get(reverse("task_force_home", args=[tf_a.code])).status_code == 200


def test_an_admin_revokes_a_role(login, admin_a, viewer_a, tf_a):
    m = Membership.objects.get(user=viewer_a, task_force=tf_a)
    login(admin_a).post(reverse("membership_revoke", args=[tf_a.code, m.code]))
    m.refresh_from_db()
    assert not m.is_active
    assert login(viewer_a).get(reverse("task_force_home", args=[tf_a.code])).status_code == 404


def test_the_command_invites_the_first_admin(capsys, tf_a):
    call_command("create_task_force_user", "--task-force", "18.71", "--email",
                 "Kepala@Contoh.id", "--role", "secretariat_admin")
    out = capsys.readouterr().out
    inv = Invitation.objects.get(task_force=tf_a)
    assert inv.email == "kepala@contoh.id" and inv.role == Role.SECRETARIAT_ADMIN
    assert f"/undangan/{inv.token}/" in out


def test_the_command_refuses_an_unknown_task_force(db):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("create_task_force_user", "--task-force", "99.99", "--email", "a@b.id",
                     "--role", "viewer")


def test_the_people_page_runs_a_fixed_number_of_queries(login, admin_a, tf_a,
                                                        django_assert_max_num_queries):
    from tests.conftest import member

    client = login(admin_a)
    with django_assert_max_num_queries(30) as ctx:
        client.get(reverse("people", args=[tf_a.code]))
    for i in range(15):
        member(tf_a, Role.DATA_OFFICER if i % 2 else Role.VIEWER, f"p{i}@contoh.id", mfa=i % 2)
        InvitationFactory(task_force=tf_a)
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        page = client.get(reverse("people", args=[tf_a.code]))
    assert page.content.decode().count("p1@contoh.id") == 1
