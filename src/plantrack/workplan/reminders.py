"""Daily reminders: each agency its tasks due soon and overdue, each approver the figures
waiting for approval. Meant for a daily cron job; a second run on the same day sends nothing
new (``ReminderSent``). Uses Django's e-mail settings (the console backend by default)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from plantrack.accounts.choices import Role
from plantrack.accounts.models import Agency, Membership
from plantrack.observations.choices import WorkflowState
from plantrack.observations.models import Observation
from plantrack.workplan.choices import DeadlineState
from plantrack.workplan.models import ReminderSent, Task

TASKS = "tasks"
APPROVALS = "approvals"


@dataclass
class ReminderReport:
    sent: int = 0
    already_sent: int = 0
    nothing_to_say: int = 0


def send_reminders(as_of: datetime.date) -> ReminderReport:
    """Send the day's reminders; return how many were sent and how many had been already."""
    report = ReminderReport()
    tasks = Task.objects.with_deadline_state(as_of).select_related("lead_agency")
    waiting = [
        t for t in tasks if t.deadline_state in (DeadlineState.OVERDUE, DeadlineState.DUE_SOON)
    ]
    by_agency: dict[int, list[Task]] = {}
    for task in waiting:
        if task.lead_agency_id:
            by_agency.setdefault(task.lead_agency_id, []).append(task)
    for agency in Agency.objects.filter(pk__in=by_agency):
        body = _task_letter(agency, by_agency[agency.pk], as_of)
        for recipient in _agency_addresses(agency):
            _send_once(report, as_of, recipient, TASKS, agency, len(by_agency[agency.pk]), body)
    submitted = Observation.objects.filter(state=WorkflowState.SUBMITTED).values_list(
        "indicator__owner_id", flat=True
    )
    counts: dict[int, int] = {}
    for owner in submitted:
        if owner is not None:
            counts[owner] = counts.get(owner, 0) + 1
    approvers = Membership.objects.filter(role=Role.APPROVER, agency_id__in=counts).select_related(
        "user", "agency"
    )
    for membership in approvers:
        if not membership.user.email:
            report.nothing_to_say += 1
            continue
        number = counts[membership.agency_id]
        body = _(
            "Kính gửi %(name)s,\n\nCó %(count)s số liệu của %(agency)s đang chờ phê duyệt."
        ) % {
            "name": membership.user.get_full_name() or membership.user.get_username(),
            "count": number,
            "agency": membership.agency,
        }
        _send_once(report, as_of, membership.user.email, APPROVALS, membership.agency, number, body)
    return report


def _agency_addresses(agency: Agency) -> list[str]:
    """The agency's own address, or else its reporters' and approvers' addresses."""
    if agency.email:
        return [agency.email]
    members = Membership.objects.filter(
        agency=agency, role__in=(Role.REPORTER, Role.APPROVER)
    ).values_list("user__email", flat=True)
    return sorted({address for address in members if address})


def _send_once(report, day, recipient, kind, agency, items, body) -> None:
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                day=day, recipient=recipient, kind=kind, agency=agency, items=items
            )
            subject = (
                _("[PlanTrack] Nhiệm vụ sắp đến hạn và quá hạn ngày %(day)s")
                if kind == TASKS
                else _("[PlanTrack] Số liệu chờ phê duyệt ngày %(day)s")
            ) % {"day": day.strftime("%d/%m/%Y")}
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
    except IntegrityError:
        report.already_sent += 1
        return
    report.sent += 1


def _task_letter(agency: Agency, tasks: list[Task], as_of: datetime.date) -> str:
    lines = [
        _("Kính gửi %(agency)s,") % {"agency": agency},
        "",
        _("Tình hình nhiệm vụ do đơn vị chủ trì, tính đến ngày %(day)s:")
        % {"day": as_of.strftime("%d/%m/%Y")},
    ]
    # Overdue or due soon: every task has a deadline.
    dated = [(task, task.deadline) for task in tasks if task.deadline is not None]
    for task, deadline in sorted(dated, key=lambda pair: pair[1]):
        state = _("QUÁ HẠN") if task.deadline_state == DeadlineState.OVERDUE else _("sắp đến hạn")
        lines.append(
            f"- [{state}] {task.code} {task.title[:120]} — "
            + _("thời hạn %(deadline)s") % {"deadline": deadline.strftime("%d/%m/%Y")}
        )
    return "\n".join(lines)
