from django.db import models
from django.utils.translation import gettext_lazy as _

from plantrack.extraction import extractor


class ReviewState(models.TextChoices):
    """Where a candidate stands in the review: only accepted ones are imported."""

    PENDING = "pending", _("Chờ rà soát")
    ACCEPTED = "accepted", _("Chấp nhận")
    REJECTED = "rejected", _("Loại bỏ")


class CandidateKind(models.TextChoices):
    """The kinds the extractor proposes: the target kinds plus ``share`` and ``rank``,
    which the import turns into ``level`` targets (services.TARGET_KIND_OF)."""

    LEVEL = extractor.LEVEL, _("Đạt mức")
    AVERAGE_GROWTH = extractor.AVERAGE_GROWTH, _("Tăng trưởng bình quân")
    ANNUAL_CHANGE = extractor.ANNUAL_CHANGE, _("Thay đổi bình quân hằng năm")
    CUMULATIVE = extractor.CUMULATIVE, _("Lũy kế cả thời kỳ")
    SHARE = extractor.SHARE, _("Tỷ trọng")
    RANK = extractor.RANK, _("Thứ hạng")
    QUALITATIVE = extractor.QUALITATIVE, _("Định tính")
