import pytest

from gugus_tugas.models import Region, TaskForce

pytestmark = pytest.mark.django_db


def test_it_ships_38_provinces_and_514_districts():
    assert Region.objects.filter(level="province").count() == 38
    districts = Region.objects.filter(level="district")
    assert districts.count() == 514
    assert districts.filter(kind="kabupaten").count() == 416
    assert districts.filter(kind="kota").count() == 98


def test_the_2022_papua_provinces_hold_their_districts():
    names = dict(Region.objects.filter(code__in=["93", "94", "95", "96"]).values_list("code", "name"))
    assert names == {"93": "Papua Selatan", "94": "Papua Tengah", "95": "Papua Pegunungan",
                     "96": "Papua Barat Daya"}
    assert Region.objects.get(code="96.71").name == "Kota Sorong"
    assert Region.objects.get(code="93.01").parent_id == "93"
    assert Region.objects.filter(parent_id="91").count() == 9


@pytest.mark.parametrize("code,tz", [
    ("14", "Asia/Jakarta"), ("61", "Asia/Jakarta"), ("62", "Asia/Jakarta"),
    ("51", "Asia/Makassar"), ("64", "Asia/Makassar"), ("73", "Asia/Makassar"),
    ("81", "Asia/Jayapura"), ("96", "Asia/Jayapura"), ("14.71", "Asia/Jakarta"),
])
def test_regions_carry_their_province_time_zone(code, tz):
    assert Region.objects.get(code=code).timezone == tz


def test_there_is_one_task_force_per_region_plus_the_national_one():
    assert TaskForce.objects.count() == 553
    national = TaskForce.objects.get(code="nasional")
    assert national.parent is None and national.level == "national"
    pekanbaru = TaskForce.objects.get(code="14.71")
    assert pekanbaru.parent.code == "14" and pekanbaru.parent.parent == national
    assert pekanbaru.region.name == "Kota Pekanbaru"


def test_descendants_follow_the_tree():
    riau = TaskForce.objects.get(code="14")
    codes = set(riau.descendants().values_list("code", flat=True))
    assert "14" in codes and "14.71" in codes and "18.71" not in codes
    assert len(codes) == 1 + Region.objects.filter(parent_id="14").count()
    assert TaskForce.objects.get(code="nasional").descendants().count() == 553
    assert list(TaskForce.objects.get(code="14.71").descendants()) == [
        TaskForce.objects.get(code="14.71")
    ]
