"""``plantrack template --agency CODE --period 2025 -o FILE``: the agency's Excel template.

Exit codes: 0 when written, 1 when there is nothing to put in it (the agency owns no
indicator reported at that period's frequency), 2 on a usage error.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plantrack.accounts.models import Agency
from plantrack.observations.excel_template import (
    LOCALES,
    TemplateError,
    render_template,
    template_content,
)


class Command(BaseCommand):
    help = (
        "Lập biểu mẫu Excel nhập số liệu cho một cơ quan và một kỳ: các chỉ số cơ quan chủ trì "
        "theo dòng, các đơn vị hành chính theo cột, số liệu kỳ trước để đối chiếu."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--agency", required=True, help="Mã cơ quan, ví dụ SCT")
        parser.add_argument(
            "--period", required=True, help="Kỳ báo cáo: 2025 (năm), 2025Q1 (quý), 2025-01 (tháng)"
        )
        parser.add_argument("-o", "--output", required=True, help="Tệp .xlsx sẽ ghi")
        parser.add_argument(
            "--locale",
            choices=LOCALES,
            default="vi",
            help="Ngôn ngữ và kiểu số của biểu mẫu (mặc định vi)",
        )

    def handle(self, *args, **options) -> None:
        agency = Agency.objects.select_related("unit").filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"Không có cơ quan mã “{options['agency']}”.", returncode=2)
        try:
            content = template_content(agency, options["period"])
        except TemplateError as error:
            # A period that cannot be read is a usage error; an agency with nothing to report
            # for it is not.
            returncode = 1 if error.code == "no_indicators" else 2
            raise CommandError(str(error), returncode=returncode) from error
        data = render_template(content, locale=options["locale"])
        path = Path(options["output"])
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(
                f"Không ghi được tệp {path}: {error.strerror}", returncode=2
            ) from error
        self.stdout.write(
            f"Đã ghi biểu mẫu của {agency.name}, kỳ {content.period.text} "
            f"({len(content.indicators)} chỉ số × {len(content.units)} đơn vị), vào {path}."
        )
