import pytest


@pytest.mark.django_db(transaction=True)
def test_login_page_renders_in_chromium(live_server, page):
    page.goto(f"{live_server.url}/akun/login/")
    assert page.locator("h1").first.inner_text().strip() == "Masuk"
