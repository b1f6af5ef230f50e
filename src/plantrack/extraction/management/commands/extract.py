"""``plantrack extract FILE``: print the candidate targets of a decision; ``--apply``
imports those already accepted in a review."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plantrack.extraction import services
from plantrack.extraction.extractor import extract_targets
from plantrack.extraction.output import to_csv, to_jsonl, to_table
from plantrack.extraction.readers import ReadError, read_text
from plantrack.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Đọc một quyết định, nghị quyết (.txt, .docx, .pdf có lớp văn bản) và in các chỉ tiêu "
        "định lượng tìm thấy (JSON Lines, CSV hoặc bảng). Với --plan và --apply: nhập vào "
        "quy hoạch, kế hoạch các chỉ tiêu của tệp này ĐÃ ĐƯỢC CHẤP NHẬN trên màn hình rà soát; "
        "lệnh không bao giờ tạo chỉ tiêu chưa được rà soát."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="Tệp văn bản: .txt (UTF-8), .docx hoặc .pdf")
        parser.add_argument(
            "--format",
            choices=["jsonl", "csv", "table"],
            default="jsonl",
            help="Định dạng in ra (mặc định jsonl: mỗi dòng một chỉ tiêu, theo thứ tự văn bản).",
        )
        parser.add_argument("--plan", help="Mã quy hoạch, kế hoạch, ví dụ QH-CB-2021-2030")
        parser.add_argument(
            "--apply",
            action="store_true",
            help=(
                "Nhập vào --plan các chỉ tiêu của tệp này đã được chấp nhận khi rà soát (tìm lần "
                "đọc theo mã băm của tệp). Không nhập chỉ tiêu đang chờ hoặc đã loại."
            ),
        )

    def handle(self, *args, file: Path, format: str, plan: str | None, apply: bool, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {file}: {error.strerror}.") from error
        try:
            text = read_text(file.name, data)
        except ReadError as error:
            raise CommandError(str(error)) from error
        if apply:
            self._apply(data, file, plan)
            return
        candidates = extract_targets(text)
        if format == "jsonl":
            self.stdout.write(to_jsonl(candidates), ending="")
        elif format == "csv":
            self.stdout.write(to_csv(candidates), ending="")
        else:
            self.stdout.write(to_table(candidates, text), ending="")

    def _apply(self, data: bytes, file: Path, code: str | None) -> None:
        if not code:
            raise CommandError("--apply cần --plan: mã quy hoạch, kế hoạch để nhập chỉ tiêu vào.")
        plan = Plan.objects.filter(code=code).first()
        if plan is None:
            raise CommandError(f"Không có quy hoạch, kế hoạch mã “{code}”.")
        run = services.reviewed_run_for(data, plan)
        if run is None:
            raise CommandError(
                f"Chưa có chỉ tiêu nào của tệp {file.name} được chấp nhận khi rà soát "
                f"cho “{code}”: "
                "hãy rà soát trên màn hình Đọc văn bản quy hoạch (/extraction/) trước. "
                "Lệnh không nhập chỉ tiêu chưa được rà soát."
            )
        try:
            targets = services.import_candidates(run, user=None)
        except services.ImportRefused as refusal:
            raise CommandError("\n".join(["Không nhập chỉ tiêu nào:", *refusal.messages])) from None
        self.stdout.write(f"Đã nhập {len(targets)} chỉ tiêu vào “{plan.code}” từ {file.name}.")
