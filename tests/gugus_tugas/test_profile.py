import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db


def png_bytes():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 40), (29, 78, 137)).save(out, "PNG")
    return out.getvalue()


def profile_data(**extra):
    return {"office": "Dinas PPPA Kota Bandar Lampung", "address": "Jl. Dr. Susilo No. 2",
            "phone": "0721-123", "email": "dppppa@bandarlampung.go.id",
            "meetings_required_per_year": "2", **extra}


def test_the_admin_sets_the_secretariat_details_and_logo(login, admin_a, tf_a):
    client = login(admin_a)
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    r = client.post(reverse("task_force_profile", args=[tf_a.code]), profile_data(logo=logo))
    assert r.status_code == 302
    tf_a.refresh_from_db()
    assert tf_a.office == "Dinas PPPA Kota Bandar Lampung"
    page = client.get(reverse("task_force_home", args=[tf_a.code])).content.decode()
    assert "Jl. Dr. Susilo No. 2" in page
    image = client.get(reverse("task_force_logo", args=[tf_a.code]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


def test_a_logo_that_is_not_an_image_is_refused(login, admin_a, tf_a):
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    r = login(admin_a).post(reverse("task_force_profile", args=[tf_a.code]),
                            profile_data(logo=fake))
    assert r.status_code == 400
    assert r.context["form"].errors["logo"]
    tf_a.refresh_from_db()
    assert tf_a.office == "" and not tf_a.logo


def test_people_choose_their_time_zone(login, admin_a, tf_a):
    client = login(admin_a)
    r = client.post(reverse("user_profile"), {"name": "Rahma", "timezone": "Asia/Jayapura"})
    assert r.status_code == 302
    admin_a.refresh_from_db()
    assert admin_a.timezone == "Asia/Jayapura"
    from datetime import UTC, datetime

    from gugus_tugas.models import AuditEvent

    AuditEvent.objects.create(task_force=tf_a, action="x", at=datetime(2026, 1, 1, 1, 0, tzinfo=UTC))
    page = client.get(reverse("audit_log", args=[tf_a.code])).content.decode()
    assert "1 Januari 2026 10.00" in page  # 01:00 UTC is 10.00 WIT


def test_the_profile_page_with_a_logo_links_the_scoped_logo(login, admin_a, tf_a):
    client = login(admin_a)
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    client.post(reverse("task_force_profile", args=[tf_a.code]), profile_data(logo=logo))
    page = client.get(reverse("task_force_profile", args=[tf_a.code]))
    assert page.status_code == 200
    assert f'href="{reverse("task_force_logo", args=[tf_a.code])}"' in page.content.decode()
    # saving again without a new file keeps the logo
    assert client.post(reverse("task_force_profile", args=[tf_a.code]),
                       profile_data()).status_code == 302
    tf_a.refresh_from_db()
    assert tf_a.logo
