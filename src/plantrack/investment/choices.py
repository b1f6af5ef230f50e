from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectKind(models.TextChoices):
    PUBLIC_INVESTMENT = "public_investment", _("Đầu tư công")
    PPP = "ppp", _("Đối tác công tư (PPP)")
    PRIVATE = "private", _("Đầu tư tư nhân trong nước")
    FDI = "fdi", _("Đầu tư trực tiếp nước ngoài (FDI)")
    ODA = "oda", _("Vốn ODA, vay ưu đãi")
    FUNCTIONAL_ZONE = "functional_zone", _("Khu chức năng")


class PipelineStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất")
    POLICY_APPROVED = "policy_approved", _("Đã có chủ trương đầu tư")
    INVESTOR_SELECTED = "investor_selected", _("Đã lựa chọn nhà đầu tư")
    UNDER_CONSTRUCTION = "under_construction", _("Đang thi công")
    IN_OPERATION = "in_operation", _("Đã đưa vào sử dụng")
    SUSPENDED = "suspended", _("Tạm dừng")
    CANCELLED = "cancelled", _("Hủy bỏ")


class CapitalSourceKind(models.TextChoices):
    CENTRAL_BUDGET = "central_budget", _("Ngân sách trung ương")
    LOCAL_BUDGET = "local_budget", _("Ngân sách địa phương")
    ODA = "oda", _("Vốn ODA, vay ưu đãi")
    STATE_CREDIT = "state_credit", _("Tín dụng nhà nước")
    PRIVATE = "private", _("Vốn doanh nghiệp, tư nhân")
    FOREIGN = "foreign", _("Vốn nước ngoài")
    OTHER = "other", _("Nguồn khác")
