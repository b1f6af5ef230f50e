"""A backup restored into an empty database gives back every row, figure, revision,
judgement and evidence file exactly; a damaged backup or a database holding data is refused
before anything is written, and a restore that fails half-way leaves nothing behind.

Runs on the test database of the session: SQLite, or PostgreSQL with DATABASE_URL (CI runs
both).
"""

import datetime
import json
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from plantrack.observations.models import Observation, ObservationRevision
from plantrack.operations.backup import MANIFEST, saved_models, sha256_of
from plantrack.workplan.models import Evidence, Task
from plantrack.workplan.services import add_task_update

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n% bien ban nghiem thu\n" + bytes(range(256)) * 40


class Upload:
    """An uploaded file as add_task_update reads it (name and content)."""

    def __init__(self, name: str, content: bytes) -> None:
        self.name = name
        self.content = content
        self.size = len(content)


def everything() -> dict[str, list[dict]]:
    """Return every saved row of every model, references by natural key where they differ."""
    return {
        model._meta.label_lower: serializers.serialize(
            "python",
            model._default_manager.order_by("pk"),
            use_natural_foreign_keys=True,
        )
        for model in saved_models()
    }


def evidence_bytes() -> dict[int, bytes]:
    return {
        evidence.pk: evidence.file.read()
        for evidence in Evidence.objects.order_by("pk")
        if evidence.file.open("rb")
    }


def empty_the_database() -> None:
    call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def site(settings, tmp_path, django_user_model):
    """The Cao Bằng demo with its judgements, and one task update with two evidence files."""
    from plantrack.demo.services import assess_demo_plans, load_demo, reset_demo_users

    settings.MEDIA_ROOT = tmp_path / "media-before"
    load_demo()
    assess_demo_plans()
    reset_demo_users()
    planner = django_user_model.objects.get(username="planner")
    task = Task.objects.order_by("pk").first()
    add_task_update(
        task,
        user=planner,
        date=datetime.date(2025, 6, 30),
        text="Đã nghiệm thu giai đoạn 1",
        percent_complete=40,
        files=[Upload("biên bản.pdf", PDF), Upload("ảnh.png", b"\x89PNG\r\n\x1a\n" + b"x" * 500)],
    )
    return tmp_path


def test_restore_gives_back_every_row_and_file(site, settings):
    before = everything()
    files_before = evidence_bytes()
    assert Observation.objects.count() > 40
    assert ObservationRevision.objects.count() >= Observation.objects.count()
    assert len(files_before) == 2

    call_command("backup", "-o", str(site / "backup"), verbosity=0)
    empty_the_database()
    settings.MEDIA_ROOT = site / "media-after"  # a new machine: no files yet
    assert Observation.objects.count() == 0
    call_command("restore", str(site / "backup"), verbosity=0)

    after = everything()
    assert after.keys() == before.keys()
    for label in before:
        assert after[label] == before[label], label
    assert evidence_bytes() == files_before
    assert (site / "media-after" / Evidence.objects.first().file.name).is_file()


def test_the_manifest_holds_checksums_counts_and_migrations(site):
    call_command("backup", "-o", str(site / "backup"), verbosity=0)

    manifest = json.loads((site / "backup" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["format"] == "plantrack-backup/1"
    assert manifest["counts"]["observations.observation"] == Observation.objects.count()
    assert manifest["counts"]["workplan.evidence"] == 2
    assert "0001_initial" in manifest["migrations"]["observations"]
    media = [name for name in manifest["files"] if name.startswith("media/")]
    assert len(media) == 2
    for name, entry in manifest["files"].items():
        assert entry["sha256"] == sha256_of(site / "backup" / name)


def test_a_non_empty_database_is_refused(site):
    call_command("backup", "-o", str(site / "backup"), verbosity=0)
    rows = Observation.objects.count()

    with pytest.raises(CommandError, match="Cơ sở dữ liệu đã có dữ liệu .*observations"):
        call_command("restore", str(site / "backup"), verbosity=0)
    assert Observation.objects.count() == rows


def test_a_damaged_backup_is_refused_before_anything_is_written(site, settings):
    call_command("backup", "-o", str(site / "backup"), verbosity=0)
    data = site / "backup" / "data.jsonl"
    data.write_bytes(data.read_bytes().replace(b"GRDP", b"GRDQ", 1))
    evidence = next((site / "backup" / "media").rglob("*"))
    while evidence.is_dir():
        evidence = next(evidence.iterdir())
    evidence.unlink()
    empty_the_database()
    settings.MEDIA_ROOT = site / "media-after"

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(site / "backup"), verbosity=0)

    message = str(refused.value)
    assert "Bản sao lưu bị hỏng hoặc thiếu" in message
    assert "data.jsonl: mã kiểm tra SHA-256 không khớp" in message
    assert "thiếu tệp" in message
    assert Observation.objects.count() == 0
    assert not (site / "media-after").exists()


def test_a_restore_that_fails_half_way_leaves_nothing(site, settings):
    # A backup whose checksums match but whose last line cannot be loaded (as if written by
    # a faulty tool): the rows before it and the evidence files must not stay.
    call_command("backup", "-o", str(site / "backup"), verbosity=0)
    folder = site / "backup"
    lines = (folder / "data.jsonl").read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[-1])
    broken["fields"] = {"no_such_field": 1}
    (folder / "data.jsonl").write_text(
        "\n".join([*lines[:-1], json.dumps(broken)]) + "\n", encoding="utf-8"
    )
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["data.jsonl"] = {
        "sha256": sha256_of(folder / "data.jsonl"),
        "bytes": (folder / "data.jsonl").stat().st_size,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    empty_the_database()
    settings.MEDIA_ROOT = site / "media-after"

    with pytest.raises(Exception, match="no_such_field"):
        call_command("restore", str(folder), verbosity=0)

    assert Observation.objects.count() == 0
    assert Task.objects.count() == 0
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_a_folder_without_a_manifest_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="không phải bản sao lưu PlanTrack"):
        call_command("restore", str(tmp_path), verbosity=0)


def test_a_backup_never_writes_into_a_folder_holding_files(db, tmp_path):
    (tmp_path / "old.txt").write_text("cũ", encoding="utf-8")

    with pytest.raises(CommandError, match="đã có tệp"):
        call_command("backup", "-o", str(tmp_path), verbosity=0)
    assert [path.name for path in tmp_path.iterdir()] == ["old.txt"]
