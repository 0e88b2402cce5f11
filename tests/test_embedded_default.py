"""`make run`'s embedded default boots: SQLite, no Redis, a Celery worker on kombu's filesystem
transport beside the web server, demo data and logins."""

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.xdist_group("embedded")


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_embedded_default_serves_pages_and_runs_tasks(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
           and not k.startswith("PYTEST")}
    env.update(VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="gugus_tugas.settings.local")
    manage = [sys.executable, str(ROOT / "manage.py")]

    def run(*args):
        return subprocess.run(manage + list(args), env=env, cwd=ROOT, capture_output=True,
                              text=True, timeout=240)

    assert run("migrate", "--noinput").returncode == 0
    seeded = run("seed_demo")
    assert seeded.returncode == 0, seeded.stderr
    assert "Demo data ready" in seeded.stdout
    assert (tmp_path / "db.sqlite3").exists()

    port = free_port()
    server = subprocess.Popen(manage + ["run_embedded", "--port", str(port)], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        body = None
        for _ in range(60):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/akun/login/", timeout=2) as r:
                    body = r.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert body is not None and "Masuk" in body
        # a task goes through the filesystem broker to the worker and back
        pong = run("shell", "-c",
                   "from gugus_tugas.tasks import ping; print(ping.delay().get(timeout=60))")
        assert pong.returncode == 0, pong.stderr
        assert pong.stdout.strip().endswith("pong")
        # kombu's exchange tables go under VAR_DIR, not into the working directory (the repo)
        assert list((tmp_path / "celery" / "control").glob("*.exchange"))
        # beat (inside the worker, -B) beats at start: the health check sees the heartbeat
        health = None
        for _ in range(60):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/sehat/", timeout=5) as r:
                    health = json.loads(r.read())
                    break
            except OSError:  # 503 until the first heartbeat
                time.sleep(1)
        assert health is not None and health["status"] == "ok", health
        assert health["checks"]["redis"] == {"ok": True, "configured": False}
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
