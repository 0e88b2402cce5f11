"""Servers a fault test starts for itself: a redis-server on a free port (to freeze it with
SIGSTOP, or to give Celery workers a queue no other test uses)."""

import os
import signal
import socket
import subprocess
import time

import pytest


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_server(tmp_path):
    """(process, url) of a redis-server of our own; stopped and killed at teardown."""
    port = free_port()
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                             "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.05)
    yield proc, f"redis://127.0.0.1:{port}/0"
    os.kill(proc.pid, signal.SIGCONT)
    proc.kill()
    proc.wait(timeout=10)


def reset_broker_connections(app):
    """Celery keeps its connection and producer pools for the URL they were made with (kombu
    keeps one per URL: dropping the app's references is enough, closing them would break them
    for every later user of that URL)."""
    app._pool = None
    app.amqp._producer_pool = None
