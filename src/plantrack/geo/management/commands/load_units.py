from django.core.management.base import BaseCommand, CommandError

from plantrack.geo.services import UnitLoadError, load_units


class Command(BaseCommand):
    help = (
        "Nạp đơn vị hành chính của một tỉnh trước và sau ngày 1/7/2025 cùng quan hệ kế thừa "
        "(nguồn: gói vietnamadminunits). Chạy lại không tạo trùng."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--province", required=True, help="Mã tỉnh sau sắp xếp 2025, ví dụ 04 (Cao Bằng)"
        )

    def handle(self, *args, province: str, **options) -> None:
        try:
            report = load_units(province)
        except UnitLoadError as error:
            raise CommandError(str(error)) from error
        rows = [
            ("Tỉnh", report.provinces),
            ("Huyện (đến 30/6/2025)", report.legacy_districts),
            ("Xã (đến 30/6/2025)", report.legacy_communes),
            ("Xã, phường (từ 1/7/2025)", report.communes),
            ("Quan hệ kế thừa", report.successions),
        ]
        self.stdout.write(f"Tỉnh {report.province_code}:")
        for label, count in rows:
            self.stdout.write(f"  {label}: {count.describe()}")
