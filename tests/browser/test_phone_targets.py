"""At phone width (390×844) every control on the journeys' pages is at least 44 px tall, so a
thumb can hit it; the SK member table becomes cards (no sideways scrolling); axe-core finds no
critical or serious violation on these pages either (run explicitly here)."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from gugus_tugas.models import TaskForce
from gugus_tugas.roles import Role
from tests.browser.conftest import assert_accessible
from tests.cases.factories import CaseFactory
from tests.conftest import member
from tests.factories import PASSWORD, DecreeFactory, DecreeMemberFactory, SubTaskForceFactory

PHONE = {"width": 390, "height": 844}
MIN_TARGET = 44

# Controls a thumb aims at. Check boxes and radio buttons are hit through their label; links
# inside running text are exempt (WCAG 2.5.5).
SMALL_TARGETS = """
() => {
  const selector = "button, [role=button], summary, select, textarea, "
    + "input:not([type=hidden]):not([type=checkbox]):not([type=radio]), nav a";
  return [...document.querySelectorAll(selector)].filter((el) => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!r.width || !r.height || style.visibility === "hidden") return false;
    if (el.closest("template, .visually-hidden")) return false;
    const closed = el.closest("details:not([open])");  // folded away: not on screen
    if (closed && !(el.tagName === "SUMMARY" && el.parentElement === closed)) return false;
    return r.height < %d;
  }).map((el) => `${el.tagName.toLowerCase()} "${(el.innerText || el.name || "").trim()
    .slice(0, 40)}" ${Math.round(el.getBoundingClientRect().height)} px`);
}
""".replace("%d", str(MIN_TARGET))


@pytest.mark.django_db(transaction=True)
def test_controls_are_big_enough_to_tap_on_a_phone(live_server, browser):
    with scopes_disabled():
        tf = TaskForce.objects.get(code="18.71")
        admin = member(tf, Role.SECRETARIAT_ADMIN, "admin.ponsel@contoh.id")
        decree = DecreeFactory(task_force=tf)
        stf = SubTaskForceFactory(decree=decree, name="Penegakan Hukum")
        DecreeMemberFactory(decree=decree, position="Wali Kota", role="ketua", order=1)
        DecreeMemberFactory(decree=decree, position="Kapolresta", role="ketua_sub",
                            sub_task_force=stf, order=2)
        case = CaseFactory(task_force=tf)
    base = live_server.url
    context = browser.new_context(locale="id-ID", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{base}/akun/login/")
    page.locator("input[name=login]").fill(admin.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    args = [tf.code, decree.code]
    pages = [
        reverse("task_force_home", args=[tf.code]), reverse("decree_list", args=[tf.code]),
        reverse("decree_detail", args=args), reverse("decree_members", args=args),
        reverse("decree_sub_task_forces", args=args), reverse("decree_new", args=[tf.code]),
        reverse("cases:list", args=[tf.code]), reverse("cases:detail", args=[tf.code, case.code]),
        reverse("reports:dashboard", args=[tf.code]), reverse("people", args=[tf.code]),
    ]
    small = {}
    for url in pages:
        response = page.goto(base + url)
        assert response.status == 200, url
        found = page.evaluate(SMALL_TARGETS)
        if found:
            small[url] = found
        assert_accessible(page)
        if url.endswith("/anggota/"):
            # cards, not a table wider than the phone
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            label = page.locator("label[for=id_m-0-position]")
            assert label.is_visible() and label.inner_text() == "Jabatan"
    context.close()
    assert not small, "controls under 44 px at 390 px wide:\n" + "\n".join(
        f"{url}: {', '.join(found)}" for url, found in small.items())


@pytest.mark.django_db(transaction=True)
def test_the_axe_check_fails_on_an_unlabelled_field(live_server, page):
    page.goto(f"{live_server.url}/akun/login/")
    assert_accessible(page)
    page.evaluate("document.querySelector('main form').insertAdjacentHTML('beforeend', "
                  "'<input type=text name=x>')")
    with pytest.raises(AssertionError, match="label"):
        assert_accessible(page)
