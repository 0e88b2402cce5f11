import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gugus_tugas.models import AuditEvent, Decree, DecreeMember, SubTaskForce
from tests.factories import DecreeFactory, DecreeMemberFactory, SubTaskForceFactory

pytestmark = pytest.mark.django_db


def minimal_pdf() -> bytes:
    from pypdf import PdfWriter

    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


def sk_data(**overrides):
    data = {
        "number": "188.45/123/III.05/HK/2024",
        "title": "Pembentukan Gugus Tugas PP-TPPO Kota Bandar Lampung",
        "date_signed": "2024-03-01",
        "issuer": "walikota",
        "period_start": "2024",
        "period_end": "2028",
        "status": "in_force",
        "sub_task_force_names": "Pencegahan\nPenegakan Hukum",
    }
    data.update(overrides)
    return data


def test_an_admin_records_an_sk_with_its_sub_task_forces(login, admin_a, tf_a):
    client = login(admin_a)
    response = client.post(reverse("decree_new", args=[tf_a.code]), sk_data())
    decree = Decree.objects.get(task_force=tf_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("decree_members", args=[tf_a.code, decree.code])
    assert list(decree.sub_task_forces.values_list("name", flat=True)) == [
        "Pencegahan", "Penegakan Hukum"]
    assert AuditEvent.objects.filter(task_force=tf_a, action="decree.create").exists()


def test_the_new_sk_form_offers_the_six_national_areas(login, admin_a, tf_a):
    page = login(admin_a).get(reverse("decree_new", args=[tf_a.code])).content.decode()
    assert "Rehabilitasi Sosial, Pemulangan dan Reintegrasi Sosial" in page
    assert "Koordinasi dan Kerja Sama" in page


@pytest.mark.parametrize("overrides,field,message", [
    ({"period_start": "2026", "period_end": "2022"}, "period_end", "sebelum periode mulai"),
    ({"date_signed": "2099-01-01"}, "date_signed", "masa depan"),
    ({"number": ""}, "number", "tidak boleh kosong"),
])
def test_bad_sk_input_is_refused_with_a_message_and_writes_nothing(
    login, admin_a, tf_a, overrides, field, message
):
    response = login(admin_a).post(reverse("decree_new", args=[tf_a.code]), sk_data(**overrides))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field]).lower()
    assert not Decree.objects.filter(task_force=tf_a).exists()
    assert not SubTaskForce.objects.filter(task_force=tf_a).exists()
    # what was typed is kept
    assert response.context["form"]["title"].value() == sk_data()["title"]


def test_a_duplicate_decree_number_in_one_task_force_is_refused(login, admin_a, tf_a, tf_b):
    DecreeFactory(task_force=tf_a, number="188.45/123/III.05/HK/2024")
    DecreeFactory(task_force=tf_b, number="188.45/777/HK/2024")
    client = login(admin_a)
    response = client.post(reverse("decree_new", args=[tf_a.code]),
                           sk_data(number="188.45/123/iii.05/HK/2024"))
    assert response.status_code == 400
    assert "sudah tercatat" in str(response.context["form"].errors["number"])
    assert Decree.objects.filter(task_force=tf_a).count() == 1
    # the same number in another task force is fine
    response = client.post(reverse("decree_new", args=[tf_a.code]),
                           sk_data(number="188.45/777/HK/2024"))
    assert response.status_code == 302


def test_a_scan_must_be_a_real_pdf(login, admin_a, tf_a):
    client = login(admin_a)
    fake = SimpleUploadedFile("sk.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = client.post(reverse("decree_new", args=[tf_a.code]), {**sk_data(), "scan": fake})
    assert response.status_code == 400
    assert "Berkas bukan PDF. Unggah pindaian SK dalam format PDF." in str(
        response.context["form"].errors["scan"])
    assert not Decree.objects.exists()


def test_a_scan_over_10_mb_is_refused(login, admin_a, tf_a):
    big = SimpleUploadedFile("sk.pdf", minimal_pdf() + b"0" * (10 * 1024 * 1024),
                             content_type="application/pdf")
    response = login(admin_a).post(reverse("decree_new", args=[tf_a.code]),
                                   {**sk_data(), "scan": big})
    assert response.status_code == 400
    assert "terlalu besar" in str(response.context["form"].errors["scan"])
    assert not Decree.objects.exists()


def test_a_scan_is_stored_privately_and_downloaded_only_through_the_task_force(
    login, admin_a, viewer_a, tf_a, settings
):
    scan = SimpleUploadedFile("pindaian.pdf", minimal_pdf(), content_type="application/pdf")
    login(admin_a).post(reverse("decree_new", args=[tf_a.code]), {**sk_data(), "scan": scan})
    decree = Decree.objects.get(task_force=tf_a)
    assert decree.scan.name.startswith("decrees/")
    with pytest.raises(ValueError):
        decree.scan.url  # noqa: B018 (private storage has no public URL)
    client = login(viewer_a)
    response = client.get(reverse("decree_scan", args=[tf_a.code, decree.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_revision_replaces_the_old_sk_and_can_copy_its_members(login, admin_a, tf_a):
    old = DecreeFactory(task_force=tf_a, number="Kpts.712/VIII/2017", period_start=2017,
                        period_end=2019, date_signed=timezone.datetime(2017, 8, 1).date())
    stf = SubTaskForceFactory(decree=old, name="Pencegahan")
    DecreeMemberFactory(decree=old, position="Kepala Dinas Sosial", sub_task_force=stf)
    DecreeMemberFactory(decree=old, position="Walikota", role="ketua")
    response = login(admin_a).post(reverse("decree_new", args=[tf_a.code]), sk_data(
        replaces=str(old.pk), copy_members="on"))
    assert response.status_code == 302
    new = Decree.objects.exclude(pk=old.pk).get()
    old.refresh_from_db()
    assert old.status == Decree.Status.REPLACED
    assert new.replaces == old
    assert sorted(new.members.values_list("position", flat=True)) == ["Kepala Dinas Sosial",
                                                                      "Walikota"]
    copied = new.members.get(position="Kepala Dinas Sosial")
    assert copied.sub_task_force.decree == new and copied.sub_task_force.name == "Pencegahan"


def test_an_sk_of_another_task_force_cannot_be_named_as_replaced(login, admin_a, tf_a, tf_b):
    foreign = DecreeFactory(task_force=tf_b)
    response = login(admin_a).post(reverse("decree_new", args=[tf_a.code]),
                                   sk_data(replaces=str(foreign.pk)))
    assert response.status_code == 400
    assert "replaces" in response.context["form"].errors
    foreign.refresh_from_db()
    assert foreign.status == Decree.Status.IN_FORCE


def members_post(decree, rows):
    data = {"m-TOTAL_FORMS": str(len(rows)), "m-INITIAL_FORMS": "0", "m-MIN_NUM_FORMS": "0",
            "m-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        for k, v in row.items():
            data[f"m-{i}-{k}"] = v
    return data


def test_members_are_saved_with_their_sub_task_force(login, admin_a, tf_a):
    decree = DecreeFactory(task_force=tf_a)
    stf = SubTaskForceFactory(decree=decree, name="Penegakan Hukum")
    response = login(admin_a).post(
        reverse("decree_members", args=[tf_a.code, decree.code]),
        members_post(decree, [
            {"position": "Walikota Bandar Lampung", "agency": "Pemkot", "role": "ketua"},
            {"position": "Kapolresta Bandar Lampung", "agency": "Polresta", "role": "ketua_sub",
             "sub_task_force": str(stf.pk), "person_name": "Abdul"},
            {"position": "", "agency": "", "role": "anggota"},  # an empty row is ignored
        ]),
    )
    assert response.status_code == 302
    assert decree.members.count() == 2
    assert decree.members.get(role="ketua_sub").sub_task_force == stf


def test_a_member_cannot_be_put_in_another_sks_sub_task_force(login, admin_a, tf_a):
    decree = DecreeFactory(task_force=tf_a)
    other = SubTaskForceFactory(decree=DecreeFactory(task_force=tf_a))
    response = login(admin_a).post(
        reverse("decree_members", args=[tf_a.code, decree.code]),
        members_post(decree, [{"position": "Kadis", "role": "anggota",
                               "sub_task_force": str(other.pk)}]),
    )
    assert response.status_code == 400
    assert not DecreeMember.objects.filter(decree=decree).exists()


def test_home_shows_the_structure_and_warns_before_the_sk_expires(login, viewer_a, tf_a):
    today = timezone.localdate()
    decree = DecreeFactory(task_force=tf_a, period_start=today.year - 3, period_end=today.year,
                           date_signed=today.replace(year=today.year - 3))
    stf = SubTaskForceFactory(decree=decree, name="Rehabilitasi Kesehatan")
    DecreeMemberFactory(decree=decree, position="Kepala Dinas Kesehatan", sub_task_force=stf)
    DecreeMemberFactory(decree=decree, position="Walikota Bandar Lampung", role="ketua")
    page = login(viewer_a).get(reverse("task_force_home", args=[tf_a.code])).content.decode()
    assert "Rehabilitasi Kesehatan" in page and "Kepala Dinas Kesehatan" in page
    assert page.index("Walikota Bandar Lampung") < page.index("Rehabilitasi Kesehatan")
    days_left = (decree.expires_on - today).days
    if days_left <= 90:
        assert 'data-testid="sk-expiry"' in page
    else:
        assert 'data-testid="sk-expiry"' not in page


def test_an_expired_sk_is_flagged(login, viewer_a, tf_a):
    DecreeFactory(task_force=tf_a, number="X/1/2015", period_start=2015, period_end=2019,
                  date_signed=timezone.datetime(2015, 1, 5).date())
    page = login(viewer_a).get(reverse("task_force_home", args=[tf_a.code])).content.decode()
    assert "sudah berakhir pada 31 Desember 2019" in page


def test_a_viewer_cannot_record_an_sk(login, viewer_a, tf_a):
    client = login(viewer_a)
    assert client.get(reverse("decree_new", args=[tf_a.code])).status_code == 403
    assert client.post(reverse("decree_new", args=[tf_a.code]), sk_data()).status_code == 403
    assert not Decree.objects.exists()


def test_the_printable_structure_lists_every_member(login, viewer_a, tf_a):
    decree = DecreeFactory(task_force=tf_a, number="188/5/2024")
    for i in range(30):
        DecreeMemberFactory(decree=decree, position=f"Jabatan nomor {i}")
    page = login(viewer_a).get(reverse("decree_structure", args=[tf_a.code, decree.code]))
    text = page.content.decode()
    assert "SUSUNAN KEANGGOTAAN" in text and "188/5/2024" in text
    assert all(f"Jabatan nomor {i}<" in text for i in range(30))


@pytest.mark.parametrize("url_name", ["task_force_home", "decree_detail", "decree_structure",
                                      "decree_list", "decree_members"])
def test_pages_run_a_fixed_number_of_queries(url_name, login, admin_a, tf_a,
                                             django_assert_max_num_queries):
    client = login(admin_a)

    def make(n):
        decree = DecreeFactory(task_force=tf_a, number=f"SK/{n}/{url_name}")
        stfs = [SubTaskForceFactory(decree=decree) for _ in range(3)]
        for i in range(n):
            DecreeMemberFactory(decree=decree, sub_task_force=stfs[i % 3])
        return decree

    def url(decree):
        if url_name in ("task_force_home", "decree_list"):
            return reverse(url_name, args=[tf_a.code])
        return reverse(url_name, args=[tf_a.code, decree.code])

    small = make(2)
    with django_assert_max_num_queries(20) as small_ctx:
        client.get(url(small))
    Decree.objects.filter(task_force=tf_a).update(status="replaced")
    big = make(40)
    for _ in range(8):
        DecreeFactory(task_force=tf_a, status="replaced")
    with django_assert_max_num_queries(len(small_ctx.captured_queries)):
        response = client.get(url(big))
    assert response.status_code == 200


def test_years_are_shown_without_thousand_separators(login, viewer_a, tf_a):
    decree = DecreeFactory(task_force=tf_a, period_start=2022, period_end=2026,
                           date_signed=timezone.datetime(2022, 5, 9).date())
    client = login(viewer_a)
    for url in (reverse("task_force_home", args=[tf_a.code]),
                reverse("decree_detail", args=[tf_a.code, decree.code]),
                reverse("decree_list", args=[tf_a.code])):
        page = client.get(url).content.decode()
        assert "2022–2026" in page and "2.022" not in page
    assert "9 Mei 2022" in client.get(reverse("decree_list", args=[tf_a.code])).content.decode()


def test_sub_task_forces_can_be_renamed_added_and_removed(login, admin_a, tf_a):
    decree = DecreeFactory(task_force=tf_a)
    keep = SubTaskForceFactory(decree=decree, name="Pencegahan", order=1)
    drop = SubTaskForceFactory(decree=decree, name="Klaster Lama", order=2)
    data = {"s-TOTAL_FORMS": "3", "s-INITIAL_FORMS": "2", "s-MIN_NUM_FORMS": "0",
            "s-MAX_NUM_FORMS": "1000",
            "s-0-id": str(keep.pk), "s-0-decree": str(decree.pk), "s-0-name": "Pencegahan TPPO",
            "s-0-order": "1",
            "s-1-id": str(drop.pk), "s-1-decree": str(decree.pk), "s-1-name": "Klaster Lama",
            "s-1-order": "2", "s-1-DELETE": "on",
            "s-2-name": "Data dan Informasi", "s-2-order": "3"}
    r = login(admin_a).post(reverse("decree_sub_task_forces", args=[tf_a.code, decree.code]), data)
    assert r.status_code == 302
    assert list(decree.sub_task_forces.values_list("name", flat=True)) == [
        "Pencegahan TPPO", "Data dan Informasi"]
    assert decree.sub_task_forces.get(name="Data dan Informasi").task_force == tf_a


def test_the_edit_page_of_an_sk_with_a_scan_links_the_scoped_download(login, admin_a, tf_a):
    client = login(admin_a)
    scan = SimpleUploadedFile("pindaian.pdf", minimal_pdf(), content_type="application/pdf")
    client.post(reverse("decree_new", args=[tf_a.code]), {**sk_data(), "scan": scan})
    decree = Decree.objects.get(task_force=tf_a)
    page = client.get(reverse("decree_edit", args=[tf_a.code, decree.code]))
    assert page.status_code == 200
    download = reverse("decree_scan", args=[tf_a.code, decree.code])
    assert f'href="{download}"' in page.content.decode()
    assert client.get(download).status_code == 200
