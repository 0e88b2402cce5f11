"""Playwright journeys in Debian's Chromium (/usr/bin/chromium), never a downloaded browser."""

import functools
import gettext
import json
import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "screenshots")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Jakarta",
            "viewport": {"width": 1280, "height": 900}}


# Reported to the console too, but named here so that a violation reads as one.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
                + ` at ${e.sourceFile}:${e.lineNumber}`);
});
"""
SUBRESOURCES = {"stylesheet", "script", "image", "font", "media"}

# axe-core (vendored from npm, MPL-2.0: vendor/README.md) runs in every page a journey loads, at
# its load event; a critical or serious violation is reported as a console error, which the
# watcher below turns into a failure. `assert_accessible(page)` runs it on demand.
AXE_SOURCE = open(os.path.join(os.path.dirname(__file__), "vendor", "axe.min.js"),
                  encoding="utf-8").read()
AXE_IMPACTS_FAILING = ["critical", "serious"]
AXE_RUN = """
window.__axeCheck = () => axe.run(document, {resultTypes: ["violations"]}).then((r) =>
  r.violations.filter((v) => IMPACTS.includes(v.impact)).map((v) =>
    `axe ${v.impact} ${v.id}: ${v.help} at ${location.pathname} — `
    + v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(", ")
    + (v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : "")));
if (window.top === window && document.contentType === "text/html") {
  window.addEventListener("load", () => {
    window.__axeDone = window.__axeCheck().then((found) => {
      found.forEach((line) => console.error(line));
    });
  });
}
""".replace("IMPACTS", json.dumps(AXE_IMPACTS_FAILING))


# The other language's words: on every page a journey loads (and after every htmx swap), each
# text node of the interface, and the placeholder, title, aria-label and alt attributes and the
# value of input buttons, is compared with the translation catalogs. On an English page a text
# equal to one of our Indonesian msgids (whose English differs) has leaked; on an Indonesian page
# a text equal to one of our English msgstrs, or to an English msgid of Django's or allauth's own
# catalogs that has an Indonesian translation ("This field is required."), has leaked. What people
# typed is not the interface: elements marked `data-user-text` or `translate="no"` are skipped,
# and so is a part marked in another language (`lang="en"` on the "English" of the switch).
ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
OUR_CATALOGS = ["locale", "cases/locale", "reports/locale", "rad/locale", "meetings/locale"]


def _catalog(path):
    """{msgid: msgstr} of a compiled catalog, whitespace collapsed, plural forms by their
    singular and plural msgids (the .mo's `(msgid, n)` keys)."""
    with open(path, "rb") as mo:
        raw = gettext.GNUTranslations(mo)._catalog
    table = {}
    for key, text in raw.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid and text:
            table.setdefault(" ".join(msgid.split()), " ".join(text.split()))
    return table


def _django_catalog_paths():
    import allauth
    import django

    django_root = os.path.dirname(django.__file__)
    return [os.path.join(django_root, "conf", "locale", "id", "LC_MESSAGES", "django.mo"),
            os.path.join(django_root, "contrib", "auth", "locale", "id", "LC_MESSAGES",
                         "django.mo"),
            os.path.join(os.path.dirname(allauth.__file__), "locale", "id", "LC_MESSAGES",
                         "django.mo")]


def language_leak_words():
    """{"en": words that must not appear on an English page, "id": on an Indonesian one}."""
    ours = {}
    for folder in OUR_CATALOGS:
        ours.update(_catalog(os.path.join(ROOT, folder, "en", "LC_MESSAGES", "django.mo")))
    theirs = {}
    for path in _django_catalog_paths():
        theirs.update(_catalog(path))
    translated = {msgid: text for msgid, text in ours.items() if text != msgid}
    english = set(translated.values()) | {m for m, t in theirs.items() if t != m}
    indonesian = set(translated)
    # A word both languages spell alike in some entry ("Status", "Target") is neither's leak.
    both = {msgid for msgid, text in ours.items() if text == msgid}

    def usable(words):
        return sorted(w for w in words
                      if "%" not in w and "{" not in w and "<" not in w and not w.isdigit())

    return {"en": usable(indonesian - english - both), "id": usable(english - indonesian - both)}


LANGUAGE_SCAN = """
(() => {
  const WORDS = {en: new Set(LEAKS.en), id: new Set(LEAKS.id)};
  const SKIP = "script, style, noscript, template, [data-user-text], [translate=no]";
  const ATTRIBUTES = ["placeholder", "title", "aria-label", "alt"];
  const clean = (text) => (text || "").replace(/\\s+/g, " ").trim();
  const inOtherLanguage = (element, lang) => {
    const part = element.closest("[lang]");
    return part && part !== document.documentElement && !part.lang.startsWith(lang);
  };
  window.__languageLeaks = (root) => {
    const lang = (document.documentElement.lang || "").slice(0, 2);
    const words = WORDS[lang];
    if (!words) return [];
    const found = [];
    // a text, or one of the parts a label and a message are joined into ("Victim 1 – Name:
    // This field is required."); a part in capitals only (an acronym: "BP2MI / BP3MI") is
    // spelt alike in both languages. A term glossed in parentheses is not a part of its own:
    // Indonesian official writing glosses foreign terms so ("Nilai dasar (baseline)").
    const leaked = (text) => [text, ...text.split(/\\s[–—·|]\\s|:\\s/)
      .filter((part) => /[a-z]{2}/.test(part))]
      .map((part) => part.replace(/\\s*[:*]$/, "").trim()).find((part) => words.has(part));
    const check = (text, where) => {
      text = clean(text);
      const word = text && leaked(text);
      if (word) {
        found.push(`language leak on ${lang} page ${location.pathname}${location.search}: `
                   + `"${word}" in "${text}" (${where})`);
      }
    };
    root = root || document.body;
    if (root === document.body) check(document.title, "title");
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(SKIP) || inOtherLanguage(parent, lang)) continue;
      check(node.nodeValue, parent.tagName.toLowerCase());
    }
    const elements = [root, ...root.querySelectorAll("*")];
    for (const element of elements) {
      if (!element.closest || element.closest(SKIP) || inOtherLanguage(element, lang)) continue;
      for (const name of ATTRIBUTES) {
        if (element.hasAttribute(name)) check(element.getAttribute(name), `${name}=`);
      }
      if (element.matches("input[type=submit], input[type=button], input[type=reset]")) {
        check(element.value, "value=");
      }
    }
    return [...new Set(found)];
  };
  if (window.top === window && document.contentType === "text/html") {
    const report = (root) => window.__languageLeaks(root).forEach((line) => console.error(line));
    window.addEventListener("load", () => report());
    document.addEventListener("htmx:afterSettle", (event) => report(event.target));
  }
})();
"""


@functools.cache
def _language_scan_script():
    return LANGUAGE_SCAN.replace("LEAKS", json.dumps(language_leak_words(), ensure_ascii=False))


def assert_accessible(page):
    """Run axe-core in `page` now and fail on any critical or serious violation."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SOURCE)
        page.evaluate(AXE_RUN)
    found = page.evaluate("window.__axeCheck()")
    assert not found, "axe-core found:\n" + "\n".join(found)


@pytest.fixture(autouse=True)
def _fail_on_csp_violations_and_console_errors(request):
    """Every page of every browser context a journey opens (the `page` fixture's, or one from
    `browser.new_context()`) is watched: a CSP violation, a console error, an uncaught script
    error or a sub-resource that fails to load fails the test at teardown. Failed loads of a
    page itself (a form refused with 400) are the journey's business, not an error here."""
    if "tests/browser/" not in str(request.node.fspath):
        yield
        return
    problems = []
    language_scan = _language_scan_script()

    def on_console(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console error: {message.text} ({message.location.get('url')})")

    def on_response(response):
        if response.status >= 400 and response.request.resource_type in SUBRESOURCES:
            problems.append(f"{response.status} for {response.url}")

    def watch_page(page):
        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on("response", on_response)

    def watch_context(context):
        context.add_init_script(CSP_LISTENER)
        context.add_init_script(AXE_SOURCE)
        context.add_init_script(AXE_RUN)
        context.add_init_script(language_scan)
        context.on("page", watch_page)
        for page in context.pages:
            watch_page(page)
        return context

    browser = request.getfixturevalue("browser")
    original = browser.new_context
    browser.new_context = lambda *args, **kwargs: watch_context(original(*args, **kwargs))
    try:
        yield problems
        # Let the last page's axe run finish before the contexts close.
        for context in browser.contexts:
            for page in context.pages:
                try:
                    page.evaluate("window.__axeDone || null")
                except Exception:  # noqa: BLE001 - a page closing under us has nothing to say
                    pass
    finally:
        del browser.new_context
        # Close every context a journey opened (pytest-playwright closes only its own `page`'s),
        # and let the live server finish what they asked for, before the test database is
        # flushed: a request still running (the inbox badge's count) holds locks that make the
        # flush fail or deadlock.
        for context in list(browser.contexts):
            try:
                context.close()
            except Exception:  # noqa: BLE001 - already closed
                pass
        _wait_for_live_server_idle()
    assert not problems, "the browser reported:\n" + "\n".join(problems)


def _wait_for_live_server_idle(timeout=5.0):
    """Wait until no connection of the test database but ours is running a statement."""
    import time

    from django.db import connection

    if connection.vendor != "postgresql" or connection.connection is None:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND state NOT IN ('idle')")
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.05)


@pytest.fixture
def shoot(request):
    """`shoot("name")` saves docs/screenshots/name.png (kept current for the README); pass the
    page when a test drives several."""

    def _shoot(name, full_page=True, page=None):
        page = page or request.getfixturevalue("page")
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=full_page)

    return _shoot
