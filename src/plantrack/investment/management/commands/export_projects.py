"""``plantrack export_projects -o FILE``: write projects as XLSX or CSV in the importer's
layout (an XLSX file adds the yearly capital sheet). The file imports again as is
(``plantrack import_projects``). Exit codes: 0 when written, 2 on a usage error.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from plantrack.investment.choices import PipelineStatus, ProjectKind
from plantrack.investment.export import export_projects
from plantrack.investment.models import Project
from plantrack.tabular.commands import output_format, write_file
from plantrack.tabular.writers import TABLE_FORMATS


class Command(BaseCommand):
    help = (
        "Xuất dự án ra XLSX hoặc CSV theo bố cục của danh mục dự án (nhập lại được), kèm cột "
        "thông tin minh họa; tệp XLSX có thêm trang vốn theo năm."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", required=True, help="Tệp sẽ ghi")
        parser.add_argument(
            "--format",
            choices=TABLE_FORMATS,
            help="Định dạng (mặc định theo đuôi tệp: .xlsx là xlsx, còn lại csv)",
        )
        parser.add_argument("--status", choices=PipelineStatus.values, help="Tình trạng")
        parser.add_argument("--kind", choices=ProjectKind.values, help="Hình thức đầu tư")
        parser.add_argument("--sector", help="Ngành, lĩnh vực (đúng như ghi, không phân biệt hoa)")

    def handle(self, *args, **options) -> None:
        path = Path(options["output"])
        projects = Project.objects.all()
        if options["status"]:
            projects = projects.filter(status=options["status"])
        if options["kind"]:
            projects = projects.filter(kind=options["kind"])
        if options["sector"]:
            projects = projects.filter(sector__iexact=options["sector"])
        file_format = output_format(path, options["format"])
        count = write_file(path, lambda out: export_projects(projects, file_format, out))
        self.stdout.write(f"Đã ghi {count} dự án ({file_format}) vào {path}.")
