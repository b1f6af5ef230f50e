"""Back up the whole of PlanTrack into a folder, and restore such a folder (docs/operations.md).

A backup folder holds:

- ``data.jsonl``: every row of every table in Django's JSON-lines serialisation (one object a
  line), the same on SQLite and PostgreSQL. Primary keys are kept, so every reference stays
  as it was; references to content types and permissions are written by natural key
  (``["workplan", "task"]``), because a new database numbers those itself. Content types,
  permissions and sessions are not saved: ``migrate`` creates the first two, and a restored
  site signs everybody in again;
- ``media/``: every file that a row names (the tasks' evidence), under its stored name;
- ``manifest.json``: the format, when and from which database, the migrations the data
  belong to, the row count of each model, and the size and SHA-256 of every file.

The dump is read in one transaction (a repeatable-read snapshot on PostgreSQL), so rows
written meanwhile are all in or all out. ``restore_backup`` checks every file against the
manifest before it touches the database, refuses a database that holds data or was migrated
differently, and loads everything in one transaction, evidence files included: all or nothing.
"""

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "plantrack-backup/1"
DATA = "data.jsonl"
MANIFEST = "manifest.json"
MEDIA = "media"
# Created by ``migrate`` in every database (content types, permissions), or not worth keeping.
NOT_SAVED = ("contenttypes", "auth.permission", "sessions")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore refused, with the reason for the person running it."""


@dataclass(frozen=True)
class Summary:
    """What a backup holds or a restore loaded."""

    rows: int
    files: int
    bytes: int


def saved_models() -> list[type[models.Model]]:
    """Return the models whose rows a backup keeps, in a fixed order."""
    skipped_apps = {label for label in NOT_SAVED if "." not in label}
    skipped_models = {label for label in NOT_SAVED if "." in label}
    return sorted(
        (
            model
            for model in apps.get_models()
            if model._meta.app_label not in skipped_apps
            and model._meta.label_lower not in skipped_models
            and model._meta.managed
            and not model._meta.proxy
        ),
        key=lambda model: model._meta.label_lower,
    )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _file_fields(model: type[models.Model]) -> list[str]:
    return [
        field.name for field in model._meta.concrete_fields if isinstance(field, models.FileField)
    ]


def _stored_files() -> list[tuple[str, str]]:
    """Return (row, stored name) of every file a row names, e.g. ("workplan.evidence #3", …)."""
    found = []
    for model in saved_models():
        for name in _file_fields(model):
            rows = model._default_manager.exclude(**{name: ""}).values_list("pk", name)
            for pk, stored in rows.order_by("pk").iterator():
                found.append((f"{model._meta.label_lower} #{pk}", stored))
    return found


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def create_backup(directory: Path) -> Summary:
    """Write a backup of the database and its files into ``directory`` (new or empty)."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(
            _("Thư mục %(folder)s đã có tệp: hãy chọn một thư mục mới hoặc trống.")
            % {"folder": directory}
        )
    directory.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, object]] = {}
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # Every table read from one snapshot (the first statement of the transaction).
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        counts = {
            model._meta.label_lower: model._default_manager.count() for model in saved_models()
        }
        call_command(
            "dumpdata",
            *[model._meta.label for model in saved_models()],
            format="jsonl",
            use_natural_foreign_keys=True,
            output=str(directory / DATA),
            verbosity=0,
        )
        missing = []
        for row, stored in _stored_files():
            if not default_storage.exists(stored):
                missing.append(f"{stored} ({row})")
                continue
            target = directory / MEDIA / stored
            target.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(stored, "rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy, CHUNK)
        if missing:
            raise BackupError(
                _("Không sao lưu được: thiếu %(count)d tệp mà dữ liệu nhắc đến: %(files)s.")
                % {"count": len(missing), "files": "; ".join(missing[:20])}
            )
        migrations = _applied_migrations()
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            name = path.relative_to(directory).as_posix()
            files[name] = {"sha256": sha256_of(path), "bytes": path.stat().st_size}
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "database": connection.vendor,
        "migrations": migrations,
        "counts": counts,
        "files": files,
    }
    (directory / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return Summary(
        rows=sum(counts.values()),
        files=len(files) - 1,
        bytes=sum(int(str(entry["bytes"])) for entry in files.values()),
    )


def read_manifest(directory: Path) -> dict:
    """Return a backup's manifest, or refuse a folder that holds none."""
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(
            _("%(folder)s không phải bản sao lưu PlanTrack: không có %(manifest)s.")
            % {"folder": directory, "manifest": MANIFEST}
        ) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(
            _("%(manifest)s hỏng, không đọc được: %(error)s.") % {"manifest": path, "error": error}
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(
            _("%(manifest)s không phải bản kê của bản sao lưu PlanTrack (%(format)s).")
            % {"manifest": path, "format": FORMAT}
        )
    return manifest


def verify_backup(directory: Path, manifest: dict) -> None:
    """Check every file of a backup against its manifest; refuse naming every damaged one."""
    directory = Path(directory).resolve()
    problems = []
    files = manifest.get("files") or {}
    if DATA not in files:
        problems.append(_("bản kê không nhắc đến %(file)s") % {"file": DATA})
    for name, expected in sorted(files.items()):
        path = (directory / name).resolve()
        if directory not in path.parents:
            problems.append(_("%(file)s: đường dẫn ra ngoài thư mục sao lưu") % {"file": name})
        elif not path.is_file():
            problems.append(_("%(file)s: thiếu tệp") % {"file": name})
        elif path.stat().st_size != expected.get("bytes"):
            problems.append(
                _("%(file)s: dung lượng %(found)d byte, bản kê ghi %(expected)s byte")
                % {"file": name, "found": path.stat().st_size, "expected": expected.get("bytes")}
            )
        elif sha256_of(path) != expected.get("sha256"):
            problems.append(_("%(file)s: mã kiểm tra SHA-256 không khớp") % {"file": name})
    if problems:
        raise BackupError(
            _("Bản sao lưu bị hỏng hoặc thiếu, không khôi phục: %(problems)s.")
            % {"problems": "; ".join(problems)}
        )


def _database_rows() -> dict[str, int]:
    return {
        model._meta.label_lower: count
        for model in saved_models()
        if (count := model._default_manager.count())
    }


def restore_backup(directory: Path) -> Summary:
    """Load a backup into this empty database and its files into the media folder."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    verify_backup(directory, manifest)

    if not MigrationRecorder(connection).has_table() or not _applied_migrations():
        call_command("migrate", verbosity=0, interactive=False)
    applied = _applied_migrations()
    if applied != manifest.get("migrations"):
        wanted = {(app, name) for app, names in manifest["migrations"].items() for name in names}
        here = {(app, name) for app, names in applied.items() for name in names}
        differ = sorted(f"{app}.{name}" for app, name in wanted ^ here)
        raise BackupError(
            _(
                "Bản sao lưu thuộc phiên bản cơ sở dữ liệu khác (khác ở: %(migrations)s). "
                "Hãy khôi phục bằng đúng phiên bản PlanTrack đã tạo bản sao lưu, rồi nâng cấp."
            )
            % {"migrations": ", ".join(differ[:10])}
        )
    holding = _database_rows()
    if holding:
        raise BackupError(
            _(
                "Cơ sở dữ liệu đã có dữ liệu (%(tables)s): chỉ khôi phục vào cơ sở dữ liệu "
                "trống, để không trộn hai bộ dữ liệu."
            )
            % {"tables": ", ".join(f"{label}: {count}" for label, count in holding.items())}
        )
    media = sorted(name for name in manifest["files"] if name.startswith(MEDIA + "/"))
    taken = [name for name in media if default_storage.exists(name.removeprefix(MEDIA + "/"))]
    if taken:
        raise BackupError(
            _("Thư mục tệp đính kèm đã có tệp trùng tên (%(files)s): không ghi đè.")
            % {"files": ", ".join(taken[:10])}
        )

    written: list[str] = []
    try:
        with transaction.atomic():
            call_command("loaddata", str(directory / DATA), verbosity=0)
            loaded = {
                model._meta.label_lower: model._default_manager.count() for model in saved_models()
            }
            expected = {label: loaded.get(label, 0) for label in manifest["counts"]}
            if expected != manifest["counts"]:
                differ = sorted(
                    f"{label}: {expected[label]} ≠ {count}"
                    for label, count in manifest["counts"].items()
                    if expected[label] != count
                )
                raise BackupError(
                    _("Số dòng nạp vào không khớp bản kê (%(tables)s).")
                    % {"tables": ", ".join(differ)}
                )
            for name in media:
                stored = name.removeprefix(MEDIA + "/")
                with (directory / name).open("rb") as source:
                    saved_as = default_storage.save(stored, source)
                written.append(saved_as)
                if saved_as != stored:
                    raise BackupError(_("Không ghi được tệp %(file)s đúng tên.") % {"file": stored})
    except BaseException:
        for stored in written:
            default_storage.delete(stored)
        raise
    return Summary(
        rows=sum(manifest["counts"].values()),
        files=len(media),
        bytes=sum(int(entry["bytes"]) for entry in manifest["files"].values()),
    )
