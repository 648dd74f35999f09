"""Warm a freshly started app: wait for /_stcore/health, then call /_stcore/script-health-check once.

That call runs app.py before any visitor (it needs ``server.scriptHealthCheckEnabled``, set in
.streamlit/config.toml): Streamlit then leaves its legacy pages mode, so the first visitor's unknown path
gets the app's French notice instead of Streamlit's English "Page not found", and the first map's data is
already built. Used by `make run` (in the background) and by deploy/carte.service (ExecStartPost).

Usage: python deploy/warm.py [PORT] [HOST]   (8501, 127.0.0.1 by default); exits 1 if the app never answers.
"""

from __future__ import annotations

import sys
import time
import urllib.request
from collections.abc import Callable

WAIT_S = 120
POLL_S = 0.2  # between two health requests while the server starts


def wait_healthy(base: str, wait_s: float = WAIT_S, alive: Callable[[], bool] = lambda: True) -> bool:
    """Whether /_stcore/health answers 200 within `wait_s` (False at once when `alive` says the server died)."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and alive():
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(POLL_S)
    return False


def warm(base: str, wait_s: float = WAIT_S) -> bool:
    if not wait_healthy(base, wait_s):
        print(f"warm: {base}/_stcore/health did not answer within {wait_s:.0f} s", file=sys.stderr)
        return False
    try:
        with urllib.request.urlopen(base + "/_stcore/script-health-check", timeout=wait_s) as response:
            return response.status == 200
    except OSError as exc:  # 503: app.py failed; its log says why
        print(f"warm: {base}/_stcore/script-health-check: {exc}", file=sys.stderr)
        return False


if __name__ == "__main__":
    port = sys.argv[1] if len(sys.argv) > 1 else "8501"
    host = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1"
    sys.exit(0 if warm(f"http://{host}:{port}") else 1)
