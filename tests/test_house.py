"""A clean house for operators: the lock files agree, and nothing a run writes is committed."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UV = Path(sys.executable).parent / "uv"  # a dev dependency, installed by `make install`
EXPORT = ["export", "--format", "requirements-txt", "--all-groups", "--no-emit-project"]


def uv(*args):
    return subprocess.run([str(UV), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def without_header(text):
    lines = text.splitlines()
    while lines and lines[0].startswith("#"):  # uv's header names the command line
        lines.pop(0)
    return lines


def test_uv_lock_matches_pyproject():
    checked = uv("lock", "--check", "--offline", "-p", "3.11")
    assert checked.returncode == 0, checked.stderr


def test_requirements_lock_is_the_export_of_uv_lock():
    exported = uv(*EXPORT, "--frozen", "-q")
    assert exported.returncode == 0, exported.stderr
    assert without_header(exported.stdout) == without_header(
        (ROOT / "requirements.lock").read_text()), "run `make lock`"


def test_the_repository_holds_nothing_a_run_writes():
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    written = [p for p in listed.stdout.splitlines()
               if p.startswith(("var/", "control/", "test-results/"))
               or "__pycache__" in p or p.endswith((".pyc", ".sqlite3", "celerybeat-schedule"))]
    assert written == []


def test_unused_dependencies_are_gone():
    lock = (ROOT / "requirements.lock").read_text()
    for name in ("djangorestframework", "drf-spectacular", "django-filter"):
        assert f"\n{name}==" not in lock
