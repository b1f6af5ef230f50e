"""What each user may see and act for through the API: one place per resource.

Every list and detail starts from these querysets, which start from the models' own
``for_user`` (the permission chokepoint), so a figure or a draft plan that a user may not see
answers 404 exactly as one that does not exist. What a user may *do* with a figure is
decided by the workflow services (``observations.workflow``), never here.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from plantrack.accounts.models import Agency
from plantrack.geo.models import AdminUnit
from plantrack.observations.models import Observation
from plantrack.plans.models import Indicator, Plan, PlanSection, Target
from plantrack.progress.models import Assessment, AssessmentRun, Judgement


def visible_plans(user):
    """Return the plans ``user`` may see: drafts only for planners and admins."""
    return Plan.objects.for_user(user).select_related("amends")


def visible_sections(user):
    """Return the sections of the plans ``user`` may see."""
    return PlanSection.objects.filter(plan__in=Plan.objects.for_user(user)).select_related("plan")


def visible_indicators(user):
    """Return the indicators ``user`` may see (all of them: what is measured is public)."""
    return Indicator.objects.for_user(user).select_related("owner", "weight")


def visible_targets(user):
    """Return the targets of the plans ``user`` may see, each marked ``in_force``."""
    replaced = Target.objects.filter(supersedes=OuterRef("pk"))
    return (
        Target.objects.for_user(user)
        .select_related("plan", "indicator")
        .annotate(in_force=~Exists(replaced))
    )


def visible_units():
    """Return every administrative unit (public), in a stable order for paging."""
    return AdminUnit.objects.order_by("level", "code", "valid_from", "id")


def visible_observations(user):
    """Return the figures ``user`` may see: approved ones, plus their agencies' work."""
    return Observation.objects.for_user(user).select_related("indicator", "unit", "agency")


def visible_runs(user):
    """Return the assessment runs ``user`` may see (``AssessmentRun.objects.for_user``)."""
    return AssessmentRun.objects.for_user(user)


def visible_judgements(user):
    """Return the current judgements of the targets ``user`` may see."""
    return Judgement.objects.for_user(user)


def visible_assessments(user):
    """Return the assessments of the runs ``user`` may see."""
    return Assessment.objects.for_user(user)


def agency_named(code: str | None) -> Agency | None:
    """Return the agency with ``code`` (None without a code), or refuse an unknown code.

    Whether the user may report for it is the importer's decision (``import_observations``).
    """
    if not code:
        return None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise ValidationError({"agency": [_("Không có cơ quan mã “%(code)s”.") % {"code": code}]})
    return agency
