"""`make backup` / `make restore`: a restore into a fresh database and folder brings back every
record and every file (PostgreSQL, pg_dump and pg_restore)."""

import hashlib
import json
import os
import shutil
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from gugus_tugas.backup import _pg_conninfo, file_hashes
from tests.cases.factories import ServiceFactory, VictimFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),  # pg_dump sees only committed rows
    pytest.mark.skipif(not shutil.which("pg_dump") or not shutil.which("pg_restore"),
                       reason="needs PostgreSQL's pg_dump and pg_restore"),
]


@pytest.fixture
def fresh_database():
    """An empty database on the same server, dropped afterwards."""
    source = connection.settings_dict
    name = f"{source['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    admin = {**_pg_conninfo(source), "dbname": "postgres"}
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**source, "NAME": name}
    finally:
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def contents(settings_dict):
    """Every public table: its row count and a digest of all its rows."""
    with psycopg.connect(**_pg_conninfo(settings_dict)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
        return {t: conn.execute(
            f'SELECT count(*), md5(coalesce(string_agg(x::text, \'|\' ORDER BY x::text), \'\')) '
            f'FROM "{t}" x').fetchone() for t in tables}


@pytest.fixture
def site(tf_a, tmp_path, settings):
    """Cases with victims (encrypted identities) and services, and private files."""
    for n in range(3):
        ServiceFactory(victim=VictimFactory(case__task_force=tf_a, nik=f"187101450607000{n}"))
    files = tmp_path / "private"
    for rel, size in (("cases/2026/lampiran.bin", 70_000), ("reports/laporan-2025.pdf", 1234),
                      ("decrees/sk.pdf", 10)):
        (files / rel).parent.mkdir(parents=True, exist_ok=True)
        (files / rel).write_bytes(os.urandom(size))
    settings.PRIVATE_STORAGE_ROOT = files
    return files


def test_a_restore_brings_back_every_record_and_file(site, fresh_database, tmp_path):
    target = tmp_path / "backup"
    call_command("backup", str(target))
    assert sorted(p.name for p in target.iterdir()) == [
        "database.dump", "manifest.json", "private-files.tar.gz"]
    restored_files = tmp_path / "restored-private"
    url = ("postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**fresh_database)
           if not fresh_database.get("PASSWORD") else None)
    if url is None:
        pytest.skip("the test database has a password")
    call_command("restore", str(target), "--database-url", url,
                 "--files-root", str(restored_files))

    before, after = contents(connection.settings_dict), contents(fresh_database)
    assert before["cases_victim"][0] == 3 and before["gugus_tugas_taskforce"][0] > 500
    assert after == before  # every table, every row
    assert file_hashes(restored_files) == file_hashes(site)
    assert len(file_hashes(site)) == 3


def test_a_restore_that_does_not_match_the_backup_says_so(site, fresh_database, tmp_path):
    target = tmp_path / "backup"
    call_command("backup", str(target))
    manifest = json.loads((target / "manifest.json").read_text())
    manifest["tables"]["cases_victim"] += 1
    manifest["files"]["cases/2026/lampiran.bin"] = hashlib.sha256(b"other").hexdigest()
    (target / "manifest.json").write_text(json.dumps(manifest))
    url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**fresh_database)
    with pytest.raises(CommandError, match="cases_victim") as failed:
        call_command("restore", str(target), "--database-url", url,
                     "--files-root", str(tmp_path / "restored"))
    assert "cases/2026/lampiran.bin" in str(failed.value)


def test_backup_and_restore_refuse_folders_that_hold_something(site, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "x").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "old"))
    call_command("backup", str(tmp_path / "new"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "new"), "--files-root", str(site))
    assert Path(site / "decrees/sk.pdf").exists()


@pytest.mark.django_db(transaction=False)
def test_the_embedded_sqlite_database_is_backed_up_and_restored_too(tmp_path):
    import sqlite3

    from gugus_tugas.backup import backup, restore

    live = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")}
    with sqlite3.connect(live["NAME"]) as db:
        db.execute("CREATE TABLE cases_case (id integer primary key, code text)")
        db.executemany("INSERT INTO cases_case (code) VALUES (?)", [("a",), ("b",), ("c",)])
    files = tmp_path / "private"
    (files / "decrees").mkdir(parents=True)
    (files / "decrees" / "sk.pdf").write_bytes(b"%PDF scan")
    manifest = backup(tmp_path / "backup", files_root=files, settings_dict=live)
    assert manifest["tables"] == {"cases_case": 3}
    elsewhere = {**live, "NAME": str(tmp_path / "restored.sqlite3")}
    assert restore(tmp_path / "backup", settings_dict=elsewhere,
                   files_root=tmp_path / "restored") == {}
    with sqlite3.connect(elsewhere["NAME"]) as db:
        assert db.execute("SELECT code FROM cases_case ORDER BY id").fetchall() == [
            ("a",), ("b",), ("c",)]
    assert (tmp_path / "restored" / "decrees" / "sk.pdf").read_bytes() == b"%PDF scan"
