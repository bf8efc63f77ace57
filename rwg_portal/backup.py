"""Backup and restore of the whole portal: the database plus the uploaded and generated files.

A backup is one ``.tar.gz`` holding ``database.dump`` (``pg_dump -Fc`` on PostgreSQL, a
consistent copy of the file on SQLite), ``files/`` (MEDIA_ROOT) and ``manifest.json`` with
every table's row count and every file's SHA-256, which the restore checks afterwards.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone


class BackupError(Exception):
    """A backup or restore that could not be completed; the message says why."""


def _pg_env(db: dict) -> dict:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _pg_args(db: dict) -> list[str]:
    return ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres"]


def table_counts() -> dict[str, int]:
    """Row count of every table Django manages."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def file_checksums(root: Path) -> dict[str, str]:
    sums = {}
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            sums[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


def _run(args: list[str], env: dict) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed: {result.stderr.strip()[-500:]}")


def backup(output: Path) -> dict:
    """Write a backup of the database and the files to ``output``; return its manifest."""
    db = settings.DATABASES["default"]
    media = Path(settings.MEDIA_ROOT)
    manifest = {"created": timezone.now().isoformat(), "engine": db["ENGINE"],
                "tables": table_counts(), "files": file_checksums(media)}
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "database.dump"
        if "postgresql" in db["ENGINE"]:
            _run(["pg_dump", "-Fc", "--no-owner", "--no-acl", *_pg_args(db), "-f", str(dump), db["NAME"]], _pg_env(db))
        elif "sqlite" in db["ENGINE"]:
            with sqlite3.connect(db["NAME"]) as source, sqlite3.connect(dump) as target:
                source.backup(target)
        else:
            raise BackupError(f"no backup method for {db['ENGINE']}")
        (Path(tmp) / "manifest.json").write_text(json.dumps(manifest, indent=1))
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(dump, "database.dump")
            tar.add(Path(tmp) / "manifest.json", "manifest.json")
            if media.is_dir():
                tar.add(media, "files")
        partial.replace(output)
    return manifest


def restore(archive: Path) -> dict:
    """Replace the database and the files with the backup's, then check them against its manifest."""
    db = settings.DATABASES["default"]
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmp, filter="data")
        manifest = json.loads((Path(tmp) / "manifest.json").read_text())
        dump = Path(tmp) / "database.dump"
        connection.close()
        if "postgresql" in db["ENGINE"]:
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction",
                  *_pg_args(db), "-d", db["NAME"], str(dump)], _pg_env(db))
        elif "sqlite" in db["ENGINE"]:
            with sqlite3.connect(dump) as source, sqlite3.connect(db["NAME"]) as target:
                source.backup(target)
        else:
            raise BackupError(f"no restore method for {db['ENGINE']}")
        if media.exists():
            shutil.rmtree(media)
        if (Path(tmp) / "files").is_dir():
            shutil.copytree(Path(tmp) / "files", media)
    problems = []
    counts = table_counts()
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"table {table}: {counts.get(table)} rows, expected {expected}")
    sums = file_checksums(media)
    for name, expected in manifest["files"].items():
        if sums.get(name) != expected:
            problems.append(f"file {name}: checksum differs or file missing")
    if problems:
        raise BackupError("the restored portal does not match the backup: " + "; ".join(problems[:20]))
    return manifest
