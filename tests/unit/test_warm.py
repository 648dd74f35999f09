"""deploy/warm.py, which `make run` and the systemd unit run at start: it waits for the server, then runs the app
once through the script health check, and says so when that fails (503: app.py raised) or nobody answers."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from deploy import warm


@pytest.fixture()
def server():
    """A local stand-in for Streamlit's two endpoints; `answers` sets the script check's status, `seen` the paths."""
    state = {"answers": 200, "seen": []}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 — http.server's name
            state["seen"].append(self.path)
            status = state["answers"] if self.path == "/_stcore/script-health-check" else 200
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"ok" if status == 200 else b"error")

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", state
    httpd.shutdown()
    httpd.server_close()


def test_it_waits_for_health_then_runs_the_app_once(server):
    base, state = server
    assert warm.warm(base, wait_s=10) is True
    assert state["seen"] == ["/_stcore/health", "/_stcore/script-health-check"]


def test_a_failing_app_is_reported(server, capsys):
    base, state = server
    state["answers"] = 503
    assert warm.warm(base, wait_s=10) is False
    assert "script-health-check" in capsys.readouterr().err


def test_a_server_that_never_answers_is_reported(server, capsys):
    base, _ = server
    closed = base.rsplit(":", 1)[0] + ":1"  # port 1 on loopback: refused at once
    assert warm.warm(closed, wait_s=1) is False
    assert "did not answer" in capsys.readouterr().err
