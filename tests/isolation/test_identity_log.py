"""The one door to identities, proved over every page: every URL under /gt/<tf_code>/ is opened
(GET and POST) by each role of the holding task force, with victims whose names, NIK, contacts,
chronologies, notes and attachments carry distinctive strings. Any response that contains one of
them must have written an IdentityView row naming that victim (or case), that field and that page,
and must say `Cache-Control: no-store`; roles that may not see identities never get one. A new page
that shows identities without going through `cases.identity` fails here (or fails closed with
IdentityLocked before it gets here)."""

import io

import pytest
from django.core.files.base import ContentFile
from django_scopes import scopes_disabled

from cases.crypto import IdentityLocked
from cases.models import Attachment, Case, IdentityView, Victim
from gugus_tugas.roles import Role
from tests.conftest import log_in, member

from .harness import build, tenant_urls
from .objects import PROVIDERS

URLS = [u for u in tenant_urls() if not u.public]
IDENTITY_ROLES = (Role.DATA_OFFICER, Role.DATA_VERIFIER)
# pages that must show identities to those roles (so the walk cannot pass by seeing nothing)
MUST_SHOW = {"cases:detail", "cases:edit", "cases:victim_edit", "cases:attachment",
             "cases:export_identities"}
POST_DATA = {"purpose": "pemeriksaan jejak akses identitas", "fmt": "csv"}


@pytest.fixture
def world(tf_a):
    """Every object the URLs need, then distinctive identities on every victim and case of A.
    Returns the URL values and {secret string: (case id, victim id or None, field)}."""
    with scopes_disabled():
        values = {k: provider(tf_a) for k, provider in PROVIDERS.items()}
        secrets = {}
        for v in Victim.objects.filter(task_force=tf_a):
            v.name, v.nik = f"Zulaikha Qoriatunnisa X{v.pk:04d}Q", f"98710145{v.pk:08d}"
            v.contact = f"Jalan Kenari KX{v.pk:04d}Z"
            v.save()
            secrets.update({v.name: (v.case_id, v.pk, "name"), v.nik: (v.case_id, v.pk, "nik"),
                            v.contact: (v.case_id, v.pk, "contact")})
        for c in Case.objects.filter(task_force=tf_a):
            c.narrative, c.notes = f"Kronologi rahasia CX{c.pk:04d}Z", f"Catatan NX{c.pk:04d}Z"
            c.save()
            secrets.update({c.narrative: (c.id, None, "narrative"),
                            c.notes: (c.id, None, "notes")})
        case = Case.objects.get(code=values["case"])
        marker = f"KTP-SCAN-AX{case.pk:04d}Z"
        att = Attachment(case=case, task_force=tf_a, filename="ktp.pdf",
                         content_type="application/pdf", size=40)
        att.file.save(f"{att.code}.pdf", ContentFile(b"%PDF-1.4 " + marker.encode()), save=False)
        att.save()
        values["attachment"] = att.code
        secrets[marker] = (case.pk, None, "attachment:ktp.pdf")
    return values, secrets


def body_of(response) -> str:
    content = (b"".join(response.streaming_content) if response.streaming
               else response.content)
    if "spreadsheetml" in response.get("Content-Type", ""):
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                         for c in row if c is not None)
    return content.decode("utf-8", errors="ignore")


def test_every_response_showing_an_identity_logged_it_and_is_not_stored(client, tf_a, world):
    values, secrets = world
    seen_on = set()
    for method in ("get", "post"):
        for url in URLS:
            path = build(url, tf_a.code, values)
            for role in Role.values:
                user = member(tf_a, role, f"{role}.{method}.{url.name.replace(':', '-')}@contoh.id",
                              mfa=True)
                log_in(client, user)
                last = IdentityView.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
                if method == "get":
                    response = client.get(path)
                else:
                    try:
                        response = client.post(path, POST_DATA)
                    except IdentityLocked:
                        raise  # a page printed an identity without the door: must not happen
                    except Exception:  # noqa: BLE001 - a POST the fake objects cannot satisfy
                        continue  # (e.g. finalising a report job without its files)
                body = body_of(response)
                shown = [where for secret, where in secrets.items() if secret in body]
                where = f"{method.upper()} {path} as {role}"
                if role not in IDENTITY_ROLES:
                    assert not shown, f"{where} shows an identity to a role without the right"
                    continue
                if not shown:
                    continue
                seen_on.add(url.name)
                assert "no-store" in response.get("Cache-Control", ""), where
                assert response.get("Pragma") == "no-cache", where
                rows = list(IdentityView.objects.filter(pk__gt=last, user=user, task_force=tf_a))
                for case_id, victim_id, field in shown:
                    assert any(r.case_id == case_id and r.victim_id == victim_id
                               and field in r.fields and r.page == url.name for r in rows), (
                        f"{where} shows {field} of case {case_id} / victim {victim_id} "
                        f"without a matching IdentityView row: {[(r.case_id, r.victim_id, r.fields, r.page) for r in rows]}")
    assert MUST_SHOW <= seen_on, f"identities expected but not seen on {MUST_SHOW - seen_on}"
