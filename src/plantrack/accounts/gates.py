"""Who may open a page at all: one decorator per kind of user, over ``Permissions``.

Anonymous visitors are sent to log in; a signed-in user the gate does not let in gets 404, as
for a page that does not exist. What a user may do with a record on the page is still asked
of its queryset (``for_user``) and checked again by the service.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseBase

from plantrack.accounts.choices import Role
from plantrack.accounts.permissions import Permissions

# A view: a request (and the URL's arguments) in, a response out.
_View = TypeVar("_View", bound=Callable[..., HttpResponseBase])


def permissions_of(request: HttpRequest) -> Permissions:
    """Return the signed-in user's permissions, computed once per request."""
    return Permissions.of(request.user)


def gate(allowed: Callable[[Permissions], bool]) -> Callable[[_View], _View]:
    """Let in the signed-in users that ``allowed(permissions)`` accepts."""

    def decorator(view: _View) -> _View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(permissions_of(request)):
                raise Http404
            return view(request, *args, **kwargs)

        return cast(_View, wrapper)  # the view's own signature: wraps keeps its arguments

    return decorator


def reports_figures(permissions: Permissions) -> bool:
    """Return True if the user enters figures for some agency (or for every agency)."""
    return permissions.all_seeing or permissions.has_role(Role.REPORTER)


def approves_figures(permissions: Permissions) -> bool:
    """Return True if the user approves some agency's figures (or everyone's)."""
    return permissions.all_seeing or permissions.has_role(Role.APPROVER)


signed_in = gate(lambda permissions: True)
members_only = gate(lambda permissions: permissions.is_member)
reporters_only = gate(reports_figures)
approvers_only = gate(approves_figures)
planners_only = gate(lambda permissions: permissions.all_seeing)
