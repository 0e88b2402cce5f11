from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: people are invited.

    Failed logins answer at once (no sleep inside the request, which would hold a web worker);
    lock-out is allauth's `login_failed` rate limit (ACCOUNT_RATE_LIMITS), per client address and
    per account, counted in the shared cache (Redis when configured). The client address is read
    behind `TRUSTED_PROXY_COUNT` proxies (settings `ALLAUTH_TRUSTED_PROXY_COUNT`).
    """

    def is_open_for_signup(self, request):
        return False
