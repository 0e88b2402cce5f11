import time

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.cache import cache


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up (people are invited) and failed logins slowed before lock-out.

    Lock-out itself is allauth's `login_failed` rate limit (ACCOUNT_RATE_LIMITS), per address and
    per account, counted in the shared cache (Redis when configured).
    """

    def is_open_for_signup(self, request):
        return False

    def authentication_failed(self, request, **credentials):
        login = str(credentials.get("email", "")).lower()
        key = f"login-slowdown:{login}"
        failures = cache.get(key, 0) + 1
        cache.set(key, failures, timeout=15 * 60)
        base = settings.LOGIN_SLOWDOWN_SECONDS
        if base:
            time.sleep(min(base * (2 ** (failures - 1)), 4.0))
