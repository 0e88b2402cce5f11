"""A new colleague's first login: why the second factor, and the way on after the codes."""

import pytest
from django.urls import reverse

from gugus_tugas.roles import Role
from gugus_tugas.totp import totp_code
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def test_enrolment_explains_the_second_factor_and_leads_on_to_the_task_force(client, tf_a):
    inv = InvitationFactory(task_force=tf_a, role=Role.DATA_OFFICER, email="baru@contoh.id")
    r = client.post(reverse("invitation_accept", args=[inv.token]),
                    {"name": "Nur", "password1": "Sandi-Kuat-2026", "password2": "Sandi-Kuat-2026"})
    page = client.get(r.url).content.decode()
    assert 'data-testid="why-second-factor"' in page and "NIK" in page
    secret = client.session["mfa.totp.secret"]
    r = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert r.url == reverse("mfa_view_recovery_codes")
    page = client.get(r.url).content.decode()
    assert "Lanjut ke gugus tugas saya" in page
    # the way on leads to her task force's home
    r = client.get(reverse("home"))
    assert r.url == reverse("task_force_home", args=[tf_a.code])
