"""Choose the language of a request: Vietnamese unless the visitor chose English.

The REST API (``/api/``) is the exception: a script has no language switch, so there the
language follows the request's Accept-Language (Vietnamese when it names no language we have).

Also the ``Permissions-Policy`` header, which Django does not send itself.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.views.defaults import page_not_found, permission_denied


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Activate the language the visitor chose with the switch, else Vietnamese.

    Django's own middleware follows the browser's Accept-Language, so an official whose
    browser is set to English would get English pages; PlanTrack is Vietnamese first, and
    English is a choice made with the language switch (stored in the language cookie).
    Under ``ACCEPT_LANGUAGE_PATHS`` (the REST API) Django's own choice applies: the language
    cookie, then Accept-Language, then Vietnamese (``LANGUAGE_CODE``).
    """

    ACCEPT_LANGUAGE_PATHS = ("/api/",)

    def process_request(self, request) -> None:
        if request.path_info.startswith(self.ACCEPT_LANGUAGE_PATHS):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
            return
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` (``settings.PERMISSIONS_POLICY``) on every response."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class FriendlyRefusalMiddleware:
    """Answer a page that is not found or refused with PlanTrack's own Vietnamese page.

    Django shows its technical pages (English, with the URL patterns) for these while
    DEBUG is on, which is how the demo runs; a leader or a clerk trying the demo should see
    what a production visitor sees: the 404 or 403 page of the site's language, saying why.
    The API (``/api/``) answers in JSON with its own errors and is left alone.
    """

    API_PATHS = ("/api/",)

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.path_info.startswith(self.API_PATHS):
            return None
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return permission_denied(request, exception)
        return None
