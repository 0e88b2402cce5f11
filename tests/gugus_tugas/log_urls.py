"""The site's URLs plus one page that fails quoting a NIK (tests/gugus_tugas/test_logs.py)."""

from django.urls import path

from gugus_tugas.urls import urlpatterns as site

NIK = "1871014506070002"


def failing(request):
    raise ValueError(f"baris impor ditolak: NIK {NIK} tidak cocok dengan tanggal lahir")


urlpatterns = [path("rusak/", failing), *site]
