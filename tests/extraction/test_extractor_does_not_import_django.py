"""The extractor and its helpers are plain Python: they run with Django unimportable."""

import subprocess
import sys

PURE_MODULES = [
    "plantrack.extraction.extractor",
    "plantrack.tabular.numbers",
    "plantrack.extraction.units",
    "plantrack.extraction.text",
    "plantrack.extraction.matching",
    "plantrack.extraction.readers",
    "plantrack.extraction.output",
    "plantrack.extraction.highlight",
    "plantrack.extraction.evaluation",
]

PROGRAM = """
import sys

class NoDjango:
    def find_spec(self, name, path=None, target=None):
        if name == "django" or name.startswith("django."):
            raise ImportError("Django is blocked in this test")
        return None

sys.meta_path.insert(0, NoDjango())
import importlib
for name in {modules!r}:
    importlib.import_module(name)
from plantrack.extraction.extractor import extract_targets
found = extract_targets("Phấn đấu đến năm 2030, tỷ lệ đô thị hóa đạt 35%.")
assert len(found) == 1 and found[0].value == 35, found
assert not any(name == "django" or name.startswith("django.") for name in sys.modules)
print("ok")
"""


def test_extraction_modules_import_and_run_without_django():
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(modules=PURE_MODULES)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
