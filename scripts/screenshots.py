"""Take screenshots of the demo site in Debian's Chromium (to look at pages as a user would).

    make run &   # or any server with the demo data
    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 /tmp/shots [--phone]

Logs in as demo users (TOTP codes computed from the demo secret) and saves one PNG per page.
"""

import os
import sys

from playwright.sync_api import sync_playwright


def totp_code(secret, period=30):
    import base64
    import hashlib
    import hmac
    import struct
    import time

    key = base64.b32decode(secret)
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // period), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**6:06d}"


PASSWORD = "demo-gugus-2026"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PAGES = {
    "admin.riau@demo.gugustugas.id": ["/gt/14/", "/gt/14/sk/", "/gt/14/pengguna/"],
    "koordinator.lampung@demo.gugustugas.id": ["/gt/18/", "/gt/18/laporan/"],
    "petugas.bandarlampung@demo.gugustugas.id": ["/gt/18.71/kasus/", "/gt/18.71/kasus/baru/"],
}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(base, out, phone=False):
    os.makedirs(out, exist_ok=True)
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for email, paths in PAGES.items():
            ctx = browser.new_context(viewport=viewport, locale="id-ID")
            page = ctx.new_page()
            page.goto(f"{base}/akun/login/")
            page.fill("input[name=login]", email)
            page.fill("input[name=password]", PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            if page.locator("input[name=code]").count():
                page.fill("input[name=code]", totp_code(SECRET))
                page.get_by_role("button", name="Masuk").click()
            for path in paths:
                page.goto(base + path)
                name = email.split("@")[0] + path.replace("/", "_").rstrip("_")
                page.screenshot(path=os.path.join(out, name + (".phone" if phone else "") + ".png"),
                                full_page=True)
                print(page.url, page.title())
            ctx.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], phone="--phone" in sys.argv)
