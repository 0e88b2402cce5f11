"""Invitations: the secret token stays in the email; an identity role given is seen by the
other secretariat admins of the task force and of its province."""

import pytest
from django.core import mail
from django.urls import reverse

from gugus_tugas.models import Invitation
from gugus_tugas.roles import Role
from tests.conftest import member

pytestmark = pytest.mark.django_db


def invite(client, tf, email, role):
    return client.post(reverse("people", args=[tf.code]), {"email": email, "role": role})


def test_the_people_page_never_carries_an_invitations_secret_token(login, admin_a, tf_a):
    client = login(admin_a)
    invite(client, tf_a, "calon@contoh.id", Role.DATA_OFFICER)
    inv = Invitation.objects.get(task_force=tf_a, email="calon@contoh.id")
    page = client.get(reverse("people", args=[tf_a.code])).content.decode()
    assert "calon@contoh.id" in page
    assert str(inv.token) not in page and inv.token.hex not in page
    # the token is no key to the cancel action; the code is
    by_token = client.post(reverse("invitation_cancel", args=[tf_a.code, inv.token]))
    assert by_token.status_code == 404
    r = client.post(reverse("invitation_cancel", args=[tf_a.code, inv.code]))
    assert r.status_code == 302
    inv.refresh_from_db()
    assert inv.revoked_at is not None
    audit = client.get(reverse("audit_log", args=[tf_a.code])).content.decode()
    assert str(inv.token) not in audit


def test_an_identity_role_given_is_emailed_to_the_other_admins_here_and_in_the_province(
        login, admin_a, tf_a, tf_a_province, tf_b, admin_b, django_capture_on_commit_callbacks):
    second_admin = member(tf_a, Role.SECRETARIAT_ADMIN, "admin2.a@contoh.id")
    province_admin = member(tf_a_province, Role.SECRETARIAT_ADMIN, "admin.prov@contoh.id")
    member(tf_a_province, Role.COORDINATOR, "koord.prov@contoh.id")
    with django_capture_on_commit_callbacks(execute=True):
        r = invite(login(admin_a), tf_a, "kotak.saya@contoh.id", Role.DATA_VERIFIER)
    assert r.status_code == 302
    told = {m.to[0]: m for m in mail.outbox if "kotak.saya@contoh.id" not in m.to}
    assert set(told) == {second_admin.email, province_admin.email}
    body = told[province_admin.email].body
    assert admin_a.email in body and "kotak.saya@contoh.id" in body
    assert "Verifikator data" in body
    assert str(Invitation.objects.get(email="kotak.saya@contoh.id").token) not in body


def test_a_role_without_identities_is_not_announced(login, admin_a, tf_a, tf_a_province,
                                                     django_capture_on_commit_callbacks):
    member(tf_a, Role.SECRETARIAT_ADMIN, "admin2.a@contoh.id")
    with django_capture_on_commit_callbacks(execute=True):
        invite(login(admin_a), tf_a, "pemantau@contoh.id", Role.VIEWER)
    assert [m.to for m in mail.outbox] == [["pemantau@contoh.id"]]


def test_the_people_page_lists_recent_identity_role_grants(login, admin_a, tf_a, client):
    admin_client = login(admin_a)
    invite(admin_client, tf_a, "petugas.baru@contoh.id", Role.DATA_OFFICER)
    invite(admin_client, tf_a, "pemantau@contoh.id", Role.VIEWER)
    inv = Invitation.objects.get(email="petugas.baru@contoh.id")
    client.logout()
    client.post(reverse("invitation_accept", args=[inv.token]),
                {"name": "Baru", "password1": "Sandi-Kuat-2026", "password2": "Sandi-Kuat-2026"})
    page = login(admin_a).get(reverse("people", args=[tf_a.code])).content.decode()
    grants = page[page.index('id="identity-grants"'):]
    assert "petugas.baru@contoh.id" in grants and admin_a.email in grants
    assert "diterima" in grants
    assert "pemantau@contoh.id" not in grants
