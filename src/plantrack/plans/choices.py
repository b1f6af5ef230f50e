from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    MASTER_PLAN = "master_plan", _("Quy hoạch tỉnh")
    FIVE_YEAR_PLAN = "five_year_plan", _("Kế hoạch phát triển KT-XH 5 năm")
    ANNUAL_PLAN = "annual_plan", _("Kế hoạch phát triển KT-XH hằng năm")
    SECTOR_PLAN = "sector_plan", _("Quy hoạch, kế hoạch ngành")
    PROGRAMME = "programme", _("Chương trình, đề án")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    IN_FORCE = "in_force", _("Đang thực hiện")
    ENDED = "ended", _("Đã kết thúc")
    REPLACED = "replaced", _("Đã được thay thế")


class SectionKind(models.TextChoices):
    """The parts of a Vietnamese planning decision, in the order a decision reads."""

    GENERAL_OBJECTIVE = "general_objective", _("Mục tiêu tổng quát")
    SPECIFIC_TARGETS = "specific_targets", _("Mục tiêu, chỉ tiêu cụ thể")
    BREAKTHROUGHS = "breakthroughs", _("Khâu đột phá")
    KEY_TASKS = "key_tasks", _("Nhiệm vụ trọng tâm")
    SECTOR_ORIENTATION = "sector_orientation", _("Phương án phát triển ngành, lĩnh vực")
    KEY_ISSUES = "key_issues", _("Nhóm vấn đề cốt yếu")
    SOLUTIONS = "solutions", _("Giải pháp thực hiện")
    OTHER = "other", _("Nội dung khác")


class Frequency(models.TextChoices):
    ANNUAL = "annual", _("Hằng năm")
    QUARTERLY = "quarterly", _("Hằng quý")
    MONTHLY = "monthly", _("Hằng tháng")


class Sector(models.TextChoices):
    """The field an indicator measures, as a plan groups its specific targets ("Về kinh tế",
    "Về xã hội", "Về môi trường", "Về quốc phòng, an ninh")."""

    ECONOMY = "economy", _("Kinh tế")
    SOCIETY = "society", _("Xã hội")
    ENVIRONMENT = "environment", _("Tài nguyên, môi trường")
    GOVERNANCE = "governance", _("Quản lý nhà nước, cải cách hành chính")
    DEFENCE = "defence", _("Quốc phòng, an ninh")


class ValueType(models.TextChoices):
    NUMBER = "number", _("Số")
    PERCENT = "percent", _("Tỷ lệ phần trăm")
    RATE = "rate", _("Tốc độ tăng (%)")
    RANK = "rank", _("Thứ hạng")
    SCORE = "score", _("Điểm")
    QUALITATIVE = "qualitative", _("Định tính")


class Direction(models.TextChoices):
    """Which way is progress; ``none`` for context indicators that are not judged."""

    INCREASE = "increase", _("Càng cao càng tốt")
    DECREASE = "decrease", _("Càng thấp càng tốt")
    BAND = "band", _("Trong khoảng")
    NONE = "none", _("Không đánh giá chiều")


class Aggregation(models.TextChoices):
    """How unit values combine into a larger unit (communes into the province)."""

    SUM = "sum", _("Cộng")
    MEAN = "mean", _("Trung bình")
    WEIGHTED_MEAN = "weighted_mean", _("Trung bình có trọng số")
    FORMULA = "formula", _("Tính lại theo công thức")
    NONE = "none", _("Không cộng gộp")


class TargetKind(models.TextChoices):
    LEVEL = "level", _("Đạt mức")
    AVERAGE_GROWTH = "average_growth", _("Tăng trưởng bình quân")
    ANNUAL_CHANGE = "annual_change", _("Thay đổi bình quân hằng năm")
    CUMULATIVE = "cumulative", _("Lũy kế cả thời kỳ")
    MAINTAIN = "maintain", _("Duy trì hằng năm")
    QUALITATIVE = "qualitative", _("Định tính")


class Comparator(models.TextChoices):
    GTE = ">=", _("≥ (đạt, ít nhất)")
    GT = ">", _("> (trên)")
    LTE = "<=", _("≤ (không quá)")
    LT = "<", _("< (dưới)")
    APPROX = "~", _("≈ (khoảng)")
    EQ = "=", _("= (đạt, là)")


class SeriesMeasure(models.TextChoices):
    """What an average-growth target is computed from."""

    LEVEL = "level", _("Giá trị tuyệt đối (tính tốc độ tăng từ chuỗi)")
    GROWTH_RATE = "growth_rate", _("Tốc độ tăng hằng năm (đã công bố)")
