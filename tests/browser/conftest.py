"""Playwright journeys in Debian's Chromium (/usr/bin/chromium), never a downloaded browser."""

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
