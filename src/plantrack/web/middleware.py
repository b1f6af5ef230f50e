"""Choose the language of a request: Vietnamese unless the visitor chose English."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Activate the language the visitor chose with the switch, else Vietnamese.

    Django's own middleware follows the browser's Accept-Language, so an official whose
    browser is set to English would get English pages; PlanTrack is Vietnamese first, and
    English is a choice made with the language switch (stored in the language cookie).
    """

    def process_request(self, request) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
