import time
import zoneinfo

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Membership, TaskForce
from .scoping import rls_bypass, task_force_scope
from .second_factor import require_second_factor


def chosen_language(request) -> str:
    """The language a person chose: her profile's once logged in, else the switch's cookie;
    Indonesian otherwise. The browser's Accept-Language does not count: an English-speaking
    browser in an Indonesian office must not turn the interface English by itself."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        language = user.language
    else:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class SessionIdleMiddleware:
    """Sessions end after SESSION_COOKIE_AGE without a request (the idle timeout), but the
    session row is written again at most once every SESSION_REFRESH_SECONDS, not on every
    request as SESSION_SAVE_EVERY_REQUEST would (an UPDATE per page view, measured as part of
    the per-request cost under load). The timeout is then exact to within that interval.
    Placed after SessionMiddleware, whose response step saves what this one marks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get("_seen", 0) >= settings.SESSION_REFRESH_SECONDS:
                session["_seen"] = now  # modified: saved with a new expiry
        return response


class PersonLanguageMiddleware:
    """In place of Django's LocaleMiddleware (which honours Accept-Language): the interface in
    the language the person chose (`chosen_language`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        previous = translation.get_language()
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # A worker thread serves the next person in their language, and code run outside a
            # request on this thread (a task, a command) in the site's default, not this one's.
            translation.activate(previous) if previous else translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response


class UserTimezoneMiddleware:
    """Show times in the person's own zone (WIB/WITA/WIT)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tzname = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.timezone:
            tzname = user.timezone
        if tzname:
            timezone.activate(zoneinfo.ZoneInfo(tzname))
        else:
            timezone.deactivate()
        return self.get_response(request)


class TaskForceScopeMiddleware:
    """Resolve `/gt/<tf_code>/...`, check the person's role there, run the view in its scope.

    No active role in that task force: 404, whatever the object, so nobody learns whether an id
    exists elsewhere. A role that can see victims' identities without two-factor login set up:
    sent to set it up first, and a session that has not passed it asked for the code
    (`second_factor.py`). The response is rendered inside the scope, so template queries are
    scoped too. Requests outside `/gt/` run with no scope, where tenant-owned queries raise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.task_force = None
        request.membership = None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        tf_code = match.kwargs.get("tf_code")
        if tf_code is None or getattr(match.func, "task_force_public", False):
            return self.get_response(request)

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        task_force = TaskForce.objects.select_related("region", "parent").filter(code=tf_code).first()
        if task_force is None:
            raise Http404
        with rls_bypass(reason="the person's own membership, to pick the scope"):
            membership = (
                Membership.objects.filter(user=request.user, task_force=task_force, is_active=True)
                .select_related("user")
                .first()
            )
        if membership is None:
            raise Http404
        if membership.requires_mfa:
            needed = require_second_factor(request, reason=_(
                "Peran %(role)s dapat melihat identitas korban: aktifkan verifikasi dua "
                "langkah (aplikasi autentikator) sebelum melanjutkan."
            ) % {"role": membership.get_role_display()})
            if needed is not None:
                return needed
        request.task_force = task_force
        request.membership = membership
        with task_force_scope(task_force), timezone.override(
            zoneinfo.ZoneInfo(request.user.timezone or task_force.timezone)
        ):
            response = self.get_response(request)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response


def task_force_public(view):
    """Mark a view under /gt/<tf_code>/ that does its own access check (API token views)."""
    view.task_force_public = True
    return view


__all__ = ["TaskForceScopeMiddleware", "UserTimezoneMiddleware", "task_force_public", "settings"]
