"""Weight of the case entry form and the case list, and how soon each is usable on a slow line.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench_form .venv/bin/python -m bench.case_form_weight [RUNS]

For a data officer of Kota Bandar Lampung (18.71) holding 60 cases (made here), it measures:
- the HTML of the entry form (one victim, and with a second victim posted back after a failed
  submit) and of the case list: bytes uncompressed, bytes as served when the browser asks for
  gzip, and the count of <select>/<option> elements;
- in headless Chromium (/usr/bin/chromium, the flags of tests/browser/conftest.py) with the CDP
  network emulation of a slow 3G line (750 kb/s down, 250 kb/s up, 100 ms round trip) and a cold
  cache (a new browser context per run, cache disabled): the time from navigation until
  DOMContentLoaded, until `load`, and until the first field of the page takes the focus
  ("usable"), median of RUNS runs (default 5).

The server is gunicorn (2 threads) on 127.0.0.1 with the local settings, DEBUG off and the static
files collected, as the site runs it.
"""

import gzip
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from bench._setup import django_on_postgres

django_on_postgres("gt_bench_form")

from datetime import date, timedelta  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from cases import services  # noqa: E402
from cases.models import Case  # noqa: E402
from gugus_tugas.models import Membership, TaskForce, User  # noqa: E402
from gugus_tugas.scoping import rls_bypass  # noqa: E402
from gugus_tugas.totp import force_login_after_totp, totp_enable  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic"]
SLOW_3G = {"offline": False, "latency": 100, "downloadThroughput": 750 * 1000 / 8,
           "uploadThroughput": 250 * 1000 / 8}
TF = "18.71"


def data():
    with rls_bypass(reason="benchmark data across task forces"):
        tf = TaskForce.objects.get(code=TF)
        user, created = User.objects.get_or_create(email="bench.form@contoh.id",
                                                   defaults={"name": "Petugas Bench"})
        if created or not user.has_mfa():
            totp_enable(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        Membership.objects.get_or_create(user=user, task_force=tf, is_active=True,
                                         defaults={"role": "data_officer"})
        have = Case.objects.filter(task_force=tf).count()
        for i in range(have, 60):
            services.case_create(
                task_force=tf, acting_user=user, report_date=date(2025, 1, 1) + timedelta(i),
                incident_region_id=TF, exploitation=["kerja_paksa"],
                victims=[services.VictimData(name=f"Korban {i}", sex="P", age=17 + i % 20,
                                             origin_region_id="18.01")])
    return user


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port):
    env = {**os.environ, "DJANGO_DEBUG": "false",
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "gugus_tugas.wsgi", "-b", f"127.0.0.1:{port}",
         "--threads", "2", "--workers", "1", "--log-level", "warning"],
        cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/akun/login/", timeout=2)
            return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def fetch(url, cookie, *, gzip_ok, data=None):
    headers = {"Cookie": cookie}
    if gzip_ok:
        headers["Accept-Encoding"] = "gzip"
    req = urllib.request.Request(url, headers=headers, data=data)
    try:
        with urllib.request.urlopen(req) as r:
            return r.read(), r.headers.get("Content-Encoding", "")
    except urllib.error.HTTPError as e:  # a refused form comes back with 400
        return e.read(), e.headers.get("Content-Encoding", "")


def weight(url, cookie, post=None):
    body, _enc = fetch(url, cookie, gzip_ok=False, data=post)
    served, enc = fetch(url, cookie, gzip_ok=True, data=post)
    html = body.decode()
    return {"html_bytes": len(body), "served_gzip_bytes": len(served) if enc == "gzip" else None,
            "gzip_level6_bytes": len(gzip.compress(body, 6)), "content_encoding": enc or "none",
            "selects": html.count("<select"), "options": html.count("<option")}


def browser_times(url, session_cookie, runs):
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 390, "height": 844},
                                          locale="id-ID", is_mobile=True, has_touch=True)
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session_cookie,
                                  "url": url}])
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", SLOW_3G)
            start = time.perf_counter()
            page.goto(url, wait_until="domcontentloaded")
            first = page.locator("main input:not([type=hidden]), main select").first
            first.focus()
            usable = (time.perf_counter() - start) * 1000
            page.wait_for_load_state("load")
            timing = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
            nav = json.loads(timing)
            out.append({"dcl_ms": nav["domContentLoadedEventEnd"], "load_ms": nav["loadEventEnd"],
                        "usable_ms": usable, "transfer_bytes": nav["transferSize"]})
            context.close()
        browser.close()
    return {k: round(statistics.median(r[k] for r in out)) for k in out[0]}


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    user = data()
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    force_login_after_totp(client, user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
    port = free_port()
    proc = start_server(port)
    base = f"http://127.0.0.1:{port}/gt/{TF}/kasus/"
    try:
        # a failed submit with two victims (the report date missing): the form comes back whole
        with urllib.request.urlopen(urllib.request.Request(base + "baru/",
                                                           headers={"Cookie": cookie})) as r:
            set_cookie = r.headers.get_all("Set-Cookie") or []
            page = r.read()
        csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        post_cookie = cookie
        for c in set_cookie:
            if c.startswith(settings.CSRF_COOKIE_NAME + "="):
                post_cookie = f"{cookie}; {c.split(';')[0]}"
        post = urlencode({"csrfmiddlewaretoken": csrf, "v-TOTAL_FORMS": "2",
                          "v-INITIAL_FORMS": "0", "v-0-name": "A", "v-1-name": "B",
                          "submit": "1"}).encode()
        results = {
            "entry_form": weight(base + "baru/", cookie),
            "entry_form_two_victims_after_error": weight(base + "baru/", post_cookie, post),
            "case_list": weight(base, cookie),
            "entry_form_3g": browser_times(base + "baru/", session, runs),
            "case_list_3g": browser_times(base, session, runs),
            "network": SLOW_3G, "runs": runs,
        }
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(json.dumps(results, indent=2))
    (ROOT / "bench" / "results" / "case_form.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
