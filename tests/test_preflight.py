"""`make test` stops first, with a message, when something the suite needs is missing (no
database or Redis, or the redis-server program the fault tests start for themselves)."""

from tests import preflight


def test_the_preflight_passes_here():
    assert preflight.main() == 0


def test_a_missing_redis_server_program_stops_make_test_with_a_message(monkeypatch, capsys):
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert preflight.main() == 2
    err = capsys.readouterr().err
    assert "redis-server is not installed" in err and "apt-get install redis-server" in err
