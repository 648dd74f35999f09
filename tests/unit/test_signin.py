"""The analyst sign-in throttle (geo.signin) on a fake clock: free tries, growing waits, the server-wide bound."""

from __future__ import annotations

from geo import signin, texts
from geo.signin import FREE_TRIES, SERVER_FREE_TRIES, SignInGuard


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_five_free_tries_then_a_wait_that_grows():
    clock = Clock()
    guard = SignInGuard(clock)
    keys = guard.keys("a")
    waits = [guard.failed(keys) for _ in range(FREE_TRIES)]
    assert waits == [0.0] * (FREE_TRIES - 1) + [30.0]
    assert guard.wait(keys) == 30.0
    clock.now += 29
    assert guard.wait(keys) == 1.0  # still refused one second before
    clock.now += 1
    assert guard.wait(keys) == 0.0
    assert guard.failed(keys) == 60.0  # each further wrong password doubles the wait
    clock.now += 60
    assert guard.failed(keys) == 120.0


def test_the_wait_is_capped_and_a_right_password_clears_the_session():
    clock = Clock()
    guard = SignInGuard(clock)
    keys = guard.keys("a")
    for _ in range(FREE_TRIES + 20):
        guard.failed(keys)
    assert guard.wait(keys) == signin.MAX_DELAY_S
    guard.succeeded(keys)
    assert guard.wait(keys) == 0.0


def test_new_sessions_do_not_escape_the_server_wide_bound():
    """An attacker opening a fresh session for every try still meets the server's count."""
    clock = Clock()
    guard = SignInGuard(clock)
    for attempt in range(SERVER_FREE_TRIES):
        assert guard.wait(guard.keys(f"fresh-{attempt}")) == 0.0
        guard.failed(guard.keys(f"fresh-{attempt}"))
    assert guard.wait(guard.keys("yet-another")) == 30.0


def test_sessions_remembered_are_bounded(monkeypatch):
    monkeypatch.setattr(signin, "MAX_KEYS", 50)
    guard = SignInGuard(Clock())
    for attempt in range(200):
        guard.failed(guard.keys(f"s{attempt}"))
    assert len(guard._records) == 50 and signin.SERVER_KEY in guard._records


def test_wait_text_is_french():
    assert texts.SIGNIN_TOO_MANY.format(wait=signin.wait_text(30)) == "Trop d'essais : réessayez dans 30 s."
    assert signin.wait_text(0.2) == "1 s" and signin.wait_text(900) == "15 min"
