"""Template helpers of the review screen."""

from django import template

from plantrack.accounts.permissions import Permissions

register = template.Library()


@register.filter
def may_review_extraction(user) -> bool:
    """Return True for the users who may use the review screen: planners and admins.

    Anonymous visitors cost no query; a signed-in user costs one membership look-up.
    """
    return Permissions.of(user).all_seeing
