"""The analyst's sign-in (the Données page, a story's saving): the password kept in the session, checked again by
the store at every write, and a throttle per server process (geo.signin) against guessing."""

from __future__ import annotations

import secrets

import streamlit as st

import caching
from geo import signin, texts

PASSWORD_KEY = "donnees_analyst_password"
SIGNIN_SESSION_KEY = "donnees_signin_session"  # a random token: the throttle's key for this browser session


@caching.process
def signin_guard():
    """The analyst sign-in throttle, one per server process: it must outlive sessions (geo.signin)."""
    from geo.signin import SignInGuard

    return SignInGuard()


def analyst_password(store) -> str | None:
    """The analyst's password when logged in (checked again by the store at every write)."""
    password = st.session_state.get(PASSWORD_KEY)
    return password if password and store.can_write(password) else None


def analyst_panel(store) -> str | None:
    with st.expander(texts.DONNEES_LOGIN_HEADER, expanded=False):
        if not getattr(store, "_password_hash", None):
            st.caption(texts.DONNEES_NO_PASSWORD_CONFIGURED)
            return None
        password = analyst_password(store)
        if password:
            st.success(texts.DONNEES_LOGGED_IN)
            if st.button(texts.DONNEES_LOGOUT, key="donnees_logout"):
                st.session_state.pop(PASSWORD_KEY, None)
                st.rerun()
            return password
        with st.form("donnees_login", clear_on_submit=True):
            candidate = st.text_input(texts.DONNEES_PASSWORD, type="password", key="donnees_password_input")
            if st.form_submit_button(texts.DONNEES_LOGIN):
                sign_in(store, candidate)
        st.caption(texts.DONNEES_VIEWER_NOTE)
    return None


def sign_in(store, candidate: str) -> None:
    """Check a password unless this session or the server must wait (geo.signin); never echo it."""
    guard = signin_guard()
    keys = guard.keys(st.session_state.setdefault(SIGNIN_SESSION_KEY, secrets.token_hex(16)))
    if wait := guard.wait(keys):
        st.error(texts.SIGNIN_TOO_MANY.format(wait=signin.wait_text(wait)))
        return
    if store.can_write(candidate):
        guard.succeeded(keys)
        st.session_state[PASSWORD_KEY] = candidate
        st.rerun()
    st.error(texts.DONNEES_BAD_PASSWORD)
    if wait := guard.failed(keys):
        st.error(texts.SIGNIN_TOO_MANY.format(wait=signin.wait_text(wait)))
