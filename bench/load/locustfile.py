"""The working day, for locust: officers entering and editing cases, verifiers verifying,
coordinators on dashboards, monitoring and reports, secretariats on meetings and the RAD.

Run by `bench/load_test.py` (which starts gunicorn, the Celery worker and the accounts); the
accounts come from the JSON file named by LOAD_ACCOUNTS. Every person logs in as a person does:
the login form, then the TOTP code (computed here from the known secret). Think time 1-5 s.
Requests are named by what they are ("case detail"), not by URL, so the figures group by page.
"""

import base64
import hashlib
import hmac
import itertools
import json
import os
import random
import re
import struct
import time
from datetime import date
from html.parser import HTMLParser

from locust import HttpUser, between, events, task

ACCOUNTS = json.load(open(os.environ.get("LOAD_ACCOUNTS", "var/bench/load/accounts.json")))
_next = {role: itertools.count() for role in ACCOUNTS["people"]}
YEAR = ACCOUNTS["year"]
CASE_LINK = re.compile(r'href="(/gt/[^/]+/kasus/[0-9a-f-]{36}/)"')
RECOMMENDATION_LINK = re.compile(r'href="(/gt/[^/]+/rapat/rekomendasi/[0-9a-f-]{36}/)"')
PLAN_LINK = re.compile(r'href="(/gt/[^/]+/rad/[0-9a-f-]{36}/)"')


# every response time, for exact percentiles over the whole mix (written at the end of the run),
# with the time it ended (epoch s): where the slow ones fall in the run
SAMPLES = []
REPORT_SHARE = float(os.environ.get("LOAD_REPORT_SHARE", "0.2"))


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception, **kwargs):
    SAMPLES.append((name, round(response_time, 1), exception is not None, round(time.time(), 2)))


@events.quitting.add_listener
def _write(environment, **kwargs):
    path = os.environ.get("LOAD_SAMPLES")
    if path:
        with open(path, "w") as f:
            json.dump(SAMPLES, f)


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 30 s, 6 digits), as an authenticator app computes it."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int(at if at is not None else time.time()) // 30)
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class Forms(HTMLParser):
    """The forms of a page: action and the values a browser would send (inputs, checked boxes,
    selected options, textareas), enough to send a form back as it was shown."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action", ""), "fields": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "file",
                                                                         "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self._form["fields"].append((a["name"], a.get("value", "on" if a.get("type") in
                                                           ("checkbox", "radio") else "")))
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]  # name, first option, selected option
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in a:
                self._select[2] = value
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, first, chosen = self._select
            self._form["fields"].append((name, chosen if chosen is not None else ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form["fields"].append(tuple(self._textarea))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def find(self, action_end: str, page_path: str) -> dict | None:
        """The form posting to a URL ending `action_end` (a form without an action posts to
        the page itself)."""
        for form in self.forms:
            form["action"] = form["action"] or page_path
            if form["action"].split("?")[0].endswith(action_end):
                return form
        return None


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 5)
    role = ""

    def on_start(self):
        n = next(_next[self.role])
        people = ACCOUNTS["people"][self.role]
        if n >= len(people):
            raise RuntimeError(f"more {self.role} users than accounts ({len(people)})")
        self.account = people[n]
        # her own address, as the load balancer forwards it (TRUSTED_PROXY_COUNT=1)
        role_number = list(ACCOUNTS["people"]).index(self.role) + 1
        self.client.headers["X-Forwarded-For"] = f"10.{role_number}.{n // 250}.{n % 250 + 1}"
        self.tf = self.account["task_force"]
        self.base = f"/gt/{self.tf}/"
        page = self.client.get("/akun/login/", name="login form")
        r = self.client.post("/akun/login/", name="login: password", data={
            "login": self.account["email"], "password": ACCOUNTS["password"],
            "csrfmiddlewaretoken": page.cookies.get("csrftoken") or self.csrf()})
        if "/2fa/" in r.url:
            # a code not used before by this person: wait for the next period if needed
            r = self.client.post(r.url, name="login: TOTP", data={
                "code": totp(self.account["totp"]), "csrfmiddlewaretoken": self.csrf()})
        if r.status_code != 200 or "/akun/login" in r.url:
            raise RuntimeError(f"login failed for {self.account['email']}: {r.status_code}")

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def post_form(self, page, action_end: str, name: str, changes=None, expect=(200, 302)):
        """Send back the form of a page (a response, as a browser would) with `changes`; a
        missing form is a failure of the request named `name`."""
        from urllib.parse import urlsplit

        form = Forms(page.text).find(action_end, urlsplit(page.url).path)
        if form is None:
            with self.client.get(self.base, name=name, catch_response=True) as r:
                r.failure(f"no form ending {action_end}")
            return None
        data = [(k, v) for k, v in form["fields"] if k not in (changes or {})]
        data += list((changes or {}).items())
        with self.client.post(form["action"], data=data, name=name, catch_response=True,
                              allow_redirects=False) as r:
            if r.status_code not in expect:
                r.failure(f"{r.status_code}")
            return r

    def open_one(self, html: str, pattern, name: str):
        links = pattern.findall(html)
        if not links:
            return None
        return self.client.get(random.choice(links), name=name)


class Officer(Person):
    """A data officer of a district: the case list, cases, the entry form, edits."""

    role = "officer"
    weight = 5

    @task(2)
    def home(self):
        self.client.get(self.base, name="home (inbox)")

    @task(3)
    def case_list(self):
        self.cases = self.client.get(f"{self.base}kasus/", name="case list").text

    @task(1)
    def case_search(self):
        self.client.get(f"{self.base}kasus/?year={YEAR - random.randint(0, 3)}"
                        f"&status=verified&sex=P", name="case list, filtered")

    @task(3)
    def case_detail(self):
        html = getattr(self, "cases", None) or self.client.get(f"{self.base}kasus/",
                                                               name="case list").text
        self.open_one(html, CASE_LINK, "case detail")

    @task(2)
    def enter_case(self):
        self.client.get(f"{self.base}kasus/baru/", name="entry form")
        today = date.today()
        r = self.client.post(f"{self.base}kasus/baru/", name="entry form: save", data={
            "csrfmiddlewaretoken": self.csrf(),
            "report_date": today.isoformat(), "incident_date": today.replace(day=1).isoformat(),
            "intake_channel": "direct", "incident_region": self.account["region"],
            "exploitation": ["kerja_paksa"], "destination_country": "MY",
            "narrative": "Dijanjikan kerja di kebun sawit, paspor ditahan agen.",
            "v-TOTAL_FORMS": "1", "v-INITIAL_FORMS": "0", "v-MIN_NUM_FORMS": "0",
            "v-MAX_NUM_FORMS": "1000", "v-0-name": random.choice(
                ["Siti Aminah", "Dewi Lestari", "Rina Wati", "Yohana Bria"]),
            "v-0-nik": "", "v-0-sex": random.choice("PL"), "v-0-age": str(random.randint(14, 40)),
            "v-0-nationality": "WNI", "v-0-origin_region": self.account["region"],
            "submit": "1"}, allow_redirects=False, catch_response=True)
        with r:
            if r.status_code != 302:
                r.failure(f"{r.status_code}: case not saved")
                return
            r.success()
        self.mine = getattr(self, "mine", []) + [r.headers["Location"]]

    @task(1)
    def edit_case(self):
        mine = getattr(self, "mine", [])
        if not mine:
            return
        detail = random.choice(mine)
        page = self.client.get(f"{detail}ubah/", name="case edit form")
        if page.status_code != 200 or not page.url.split("?")[0].endswith("/ubah/"):
            return  # verified meanwhile: no longer the officer's to edit (sent to the case)
        self.post_form(page, "/ubah/", "case edit form: save",
                       {"narrative": f"Diperbarui {time.strftime('%H:%M:%S')}: korban "
                                     "dipulangkan dan didampingi dinas sosial."})


class Verifier(Person):
    """A data verifier (PIC data): the queue, a case, verify."""

    role = "verifier"
    weight = 2

    @task(3)
    def queue(self):
        self.queued = self.client.get(f"{self.base}kasus/verifikasi/",
                                      name="verification queue").text

    @task(2)
    def verify(self):
        html = getattr(self, "queued", None) or self.client.get(
            f"{self.base}kasus/verifikasi/", name="verification queue").text
        page = self.open_one(html, CASE_LINK, "case detail")
        if page is None or page.status_code != 200 or "/verifikasi/\"" not in page.text:
            return
        # another verifier may decide first: told so (409/400), nothing lost
        self.post_form(page, "/verifikasi/", "case: verify", expect=(302, 409))
        self.queued = None

    @task(1)
    def home(self):
        self.client.get(self.base, name="home (inbox)")


class Coordinator(Person):
    """A coordinator of a province or the nation: dashboards, monitoring, cases below, reports."""

    role = "coordinator"
    weight = 2

    @task(4)
    def dashboard(self):
        self.client.get(f"{self.base}laporan/?tahun={YEAR - random.randint(0, 1)}",
                        name=f"dashboard ({self.account['level']})")

    @task(2)
    def monitoring(self):
        self.client.get(f"{self.base}pemantauan/", name=f"monitoring ({self.account['level']})")

    @task(1)
    def cases_below(self):
        self.client.get(f"{self.base}kasus/wilayah/", name="cases below")

    @task(1)
    def home(self):
        self.client.get(self.base, name="home (inbox)")

    @task(1)
    def report(self):
        # a report now and then, not every few seconds (LOAD_REPORT_SHARE: the share of this
        # task's turns that ask for one; 0.2 = each coordinator about every 2.5 minutes)
        if random.random() > REPORT_SHARE:
            return
        self.client.post(f"{self.base}laporan/buat/", name="report: request", data={
            "csrfmiddlewaretoken": self.csrf(), "tahun": YEAR - 1, "variant": "internal"})


class Secretariat(Person):
    """A secretariat admin: meetings, the recommendations board, follow-ups, the RAD."""

    role = "secretariat"
    weight = 1

    @task(2)
    def meetings(self):
        self.client.get(f"{self.base}rapat/", name="meetings")

    @task(2)
    def board(self):
        self.board_html = self.client.get(f"{self.base}rapat/rekomendasi/",
                                          name="recommendations board").text

    @task(1)
    def follow_up(self):
        html = getattr(self, "board_html", None) or self.client.get(
            f"{self.base}rapat/rekomendasi/", name="recommendations board").text
        page = self.open_one(html, RECOMMENDATION_LINK, "recommendation")
        if page is None or page.status_code != 200 or "/tindak-lanjut/" not in page.text:
            return
        from urllib.parse import urlsplit

        page = self.client.get(f"{urlsplit(page.url).path}tindak-lanjut/",
                               name="recommendation: follow-up form")
        self.post_form(page, "/tindak-lanjut/", "recommendation: follow-up", {
            "date": date.today().isoformat(), "status": "in_progress",
            "note": "Rapat lanjutan dengan dinas tenaga kerja dijadwalkan."})

    @task(2)
    def rad(self):
        html = self.client.get(f"{self.base}rad/", name="RAD plans").text
        page = self.open_one(html, PLAN_LINK, "RAD plan")
        if page is not None and page.status_code == 200:
            self.client.get(f"{page.url.split('?')[0]}evaluasi/", name="RAD evaluation")
