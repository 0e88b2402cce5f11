"""Backup and restore of one installation: the database and the private files (`make backup`,
`make restore`, the `backup` and `restore` management commands).

A backup is a folder:
- `database.dump`: `pg_dump --format=custom` (PostgreSQL), or `database.sqlite3` (the embedded
  default, SQLite's online backup);
- `private-files.tar.gz`: everything under PRIVATE_STORAGE_ROOT (SK scans, attachments, report
  PDFs; identities in them are already encrypted);
- `manifest.json`: the row count of every table, taken in the very snapshot pg_dump dumps, and the
  SHA-256 of every file, so a restore checks that it brought everything back.

The keys are NOT in it: FIELD_ENCRYPTION_KEYS (victims' identities, encrypted files) and
NIK_HASH_KEY (duplicate checks). Without them a backup's identities cannot be read; keep them
apart from the backups (a password safe or a sealed envelope), so that a stolen backup is not a
stolen identity list, and so that losing the server does not lose the keys.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from django.db import connections

DUMP = "database.dump"
SQLITE = "database.sqlite3"
FILES = "private-files.tar.gz"
MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def file_hashes(root: Path) -> dict[str, str]:
    hashes = {}
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest = hashlib.sha256()
            with path.open("rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
            hashes[path.relative_to(root).as_posix()] = digest.hexdigest()
    return hashes


def _pg_env(settings_dict: dict) -> dict:
    """libpq variables: the password never appears on a command line (`ps`)."""
    env = dict(os.environ)
    for var, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                     ("PGPASSWORD", "PASSWORD"), ("PGDATABASE", "NAME")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    return env


def _pg_conninfo(settings_dict: dict) -> dict:
    keys = {"HOST": "host", "PORT": "port", "USER": "user", "PASSWORD": "password",
            "NAME": "dbname"}
    return {name: settings_dict[key] for key, name in keys.items() if settings_dict.get(key)}


def table_counts(cursor, tables=None) -> dict[str, int]:
    if tables is None:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                       "ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # names from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _run(command: list[str], env: dict) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


@contextmanager
def _snapshot(settings_dict: dict):
    """A repeatable-read transaction held open: its snapshot id lets pg_dump dump exactly what
    it counts."""
    with psycopg.connect(**_pg_conninfo(settings_dict)) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with conn.transaction(), conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            yield cursor, cursor.fetchone()[0]


def backup(target: Path, *, files_root: Path, alias: str = "default",
           settings_dict: dict | None = None) -> dict:
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupError(f"{target} is not empty: a backup goes to a new folder")
    settings_dict = settings_dict or connections[alias].settings_dict
    manifest = {"created": datetime.now(UTC).isoformat(timespec="seconds"),
                "engine": settings_dict["ENGINE"].rsplit(".", 1)[-1]}
    if manifest["engine"] == "postgresql":
        with _snapshot(settings_dict) as (cursor, snapshot):
            manifest["tables"] = table_counts(cursor)
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                  f"--snapshot={snapshot}", f"--file={target / DUMP}"], _pg_env(settings_dict))
    elif manifest["engine"] == "sqlite3":
        with sqlite3.connect(settings_dict["NAME"]) as source, \
                sqlite3.connect(target / SQLITE) as copy:
            source.backup(copy)
            names = [r[0] for r in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            manifest["tables"] = {n: copy.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]
                                  for n in names}
    else:
        raise BackupError(f"no backup for the database engine {settings_dict['ENGINE']}")
    with tarfile.open(target / FILES, "w:gz") as tar:
        if files_root.is_dir():
            tar.add(files_root, arcname=".")
    manifest["files"] = file_hashes(files_root)
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def restore(source: Path, *, settings_dict: dict, files_root: Path,
            replace_files: bool = False) -> dict:
    """Restore into the database of `settings_dict` (empty, or holding an older copy of this
    site: PostgreSQL objects in the dump are dropped first) and into `files_root`; then check
    row counts and file hashes against the manifest. Returns the differences (empty: all back)."""
    manifest = json.loads((source / MANIFEST).read_text())
    if files_root.is_dir() and any(files_root.iterdir()):
        if not replace_files:
            raise BackupError(f"{files_root} is not empty: restore into an empty folder, or "
                              "say --replace-files")
        shutil.rmtree(files_root)
    engine = settings_dict["ENGINE"].rsplit(".", 1)[-1]
    if engine != manifest["engine"]:
        raise BackupError(f"the backup holds a {manifest['engine']} database, not {engine}")
    if engine == "postgresql":
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", "--exit-on-error", f"--dbname={settings_dict['NAME']}",
              str(source / DUMP)], _pg_env(settings_dict))
        with psycopg.connect(**_pg_conninfo(settings_dict)) as conn, conn.cursor() as cursor:
            counts = table_counts(cursor, list(manifest["tables"]))
    else:  # SQLite's online backup into the database file (the site must be stopped)
        with sqlite3.connect(source / SQLITE) as copy, \
                sqlite3.connect(settings_dict["NAME"]) as conn:
            copy.backup(conn)
            counts = {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]
                      for n in manifest["tables"]}
    files_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / FILES, "r:gz") as tar:
        tar.extractall(files_root, filter="data")
    hashes = file_hashes(files_root)
    problems = {}
    wrong_tables = {t: {"backup": n, "restored": counts.get(t)}
                    for t, n in manifest["tables"].items() if counts.get(t) != n}
    if wrong_tables:
        problems["tables"] = wrong_tables
    wrong_files = sorted(set(manifest["files"].items()) ^ set(hashes.items()))
    if wrong_files:
        problems["files"] = sorted({name for name, _ in wrong_files})
    return problems
