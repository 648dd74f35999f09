"""Analyst sign-in throttle: after a few wrong passwords, a growing wait before the next try.

Pure logic with an injectable clock (tests use a fake one); the Données page keeps one
`SignInGuard` per server process and asks it before every password check.

Each try is counted under several keys at once and the longest wait wins:

- the browser session (a random token kept in the session): 5 free tries, then 30 s,
  60 s, 120 s… up to 15 min;
- the whole server: an attacker can open a new session for every try, so all failures
  of the process also count under one key, with more free tries (20). The price is
  documented: a flood of wrong passwords makes the real analyst wait too (at most
  15 min), which is better than letting the flood guess.

Not the client's address: behind a reverse proxy every visitor has the proxy's, and
Streamlit does not know it on localhost; the server key bounds what an address would.

A right password clears the keys it was tried under. Only counts and times are kept,
never a candidate password.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from geo import texts

FREE_TRIES = 5
SERVER_FREE_TRIES = 20
FIRST_DELAY_S = 30.0
MAX_DELAY_S = 15 * 60.0
SERVER_KEY = "server"
MAX_KEYS = 10_000  # sessions remembered; the oldest are forgotten beyond


def delay_after(failures: int, free: int = FREE_TRIES) -> float:
    """Seconds to wait after `failures` wrong passwords in a row.

    >>> [delay_after(n) for n in (4, 5, 6, 7)]
    [0.0, 30.0, 60.0, 120.0]
    >>> delay_after(40)
    900.0
    """
    if failures < free:
        return 0.0
    return min(FIRST_DELAY_S * 2.0 ** (failures - free), MAX_DELAY_S)


def wait_text(seconds: float) -> str:
    """A wait the French way, rounded up: 30 s, 2 min, 2 min 30 s.

    >>> wait_text(29.2), wait_text(120), wait_text(150)
    ('30 s', '2 min', '2 min 30 s')
    """
    total = max(1, math.ceil(seconds))
    minutes, rest = divmod(total, 60)
    if not minutes:
        return texts.SIGNIN_WAIT_SECONDS.format(s=rest)
    if not rest:
        return texts.SIGNIN_WAIT_MINUTES.format(m=minutes)
    return texts.SIGNIN_WAIT_MINUTES_SECONDS.format(m=minutes, s=rest)


@dataclass
class _Record:
    failures: int = 0
    last: float = 0.0


class SignInGuard:
    """Counts wrong passwords per key; thread-safe (every session of the server shares one)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()

    @staticmethod
    def keys(session: str) -> list[str]:
        """The keys a try from this session counts under."""
        return [f"session:{session}", SERVER_KEY]

    @staticmethod
    def _free(key: str) -> int:
        return SERVER_FREE_TRIES if key == SERVER_KEY else FREE_TRIES

    def wait(self, keys: Iterable[str]) -> float:
        """Seconds before the next try is allowed under all `keys` (0.0: try now)."""
        now = self._clock()
        with self._lock:
            waits = [record.last + delay_after(record.failures, self._free(key)) - now
                     for key in keys if (record := self._records.get(key))]
        return max([0.0, *waits])

    def failed(self, keys: Iterable[str]) -> float:
        """Count a wrong password under `keys`; returns the wait it causes."""
        keys = list(keys)
        now = self._clock()
        with self._lock:
            for key in keys:
                record = self._records.pop(key, None) or _Record()
                record.failures, record.last = record.failures + 1, now
                self._records[key] = record  # re-inserted: the dict stays ordered oldest try first
            while len(self._records) > MAX_KEYS:
                oldest = next(k for k in self._records if k != SERVER_KEY)
                del self._records[oldest]
        return self.wait(keys)

    def succeeded(self, keys: Iterable[str]) -> None:
        with self._lock:
            for key in keys:
                self._records.pop(key, None)
