"""The gate of a deployed copy (issue 13, item 2): nothing is drawn before the visitor is
let in — not a page, not the page list, not the sidebar.

Three modes, chosen by the secrets (`.streamlit/secrets.toml`, or Streamlit Community
Cloud's "Secrets") and the environment:

- an `[auth]` section (OpenID Connect): Streamlit's own `st.login` / `st.user`;
- otherwise `APP_PASSWORD` (environment first, then secrets): one shared password;
- neither: local use, no gate, as before.

The password check is constant-time (`hmac.compare_digest` on the UTF-8 bytes). After a
failed attempt the next one is refused until a delay has passed, doubling with each
failure (1 s, 2 s, 4 s … capped at `MAX_DELAY_SECONDS`). Failures are counted twice: in
the visitor's session, and in one process-wide counter, so that opening a new session
(a new tab, a script without cookies) does not start again from zero; the process-wide
count forgets failures older than `FAILURE_WINDOW_SECONDS`. The price of that simplicity:
someone hammering the form also makes the rightful user wait, at most
`MAX_DELAY_SECONDS`. The delay is enforced by refusing early attempts, not by sleeping,
so no server thread is held.

The password travels only in the form's POST over the app's websocket: never in the URL,
never logged, and the field is emptied on submit. A session, once let in, stays in until
"Se déconnecter" or until the browser tab is closed (Streamlit's session state lives on
the server; a reload asks again).
"""

from __future__ import annotations

import hmac
import os
import threading
import time
from collections import deque

import streamlit as st

MAX_DELAY_SECONDS = 60.0
FAILURE_WINDOW_SECONDS = 15 * 60.0

AUTHENTICATED_KEY = "auth_authenticated"
FAILURES_KEY = "auth_failures"
LAST_FAILURE_KEY = "auth_last_failure"

_process_failures: deque[float] = deque()
_process_lock = threading.Lock()


def _now() -> float:
    """The clock of the delays (monotonic; tests replace it)."""
    return time.monotonic()


def failure_delay(failures: int) -> float:
    """Seconds to wait after `failures` consecutive failed attempts: 0, then 1, 2, 4 …
    doubling, capped at `MAX_DELAY_SECONDS`."""
    if failures <= 0:
        return 0.0
    return min(MAX_DELAY_SECONDS, 2.0 ** min(failures - 1, 30))


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison (its duration does not tell how many characters match)."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def _secret(name: str) -> object | None:
    if not st.secrets.load_if_toml_exists():  # no secrets file: not an error locally
        return None
    return st.secrets.get(name)


def configured_password() -> str | None:
    """`APP_PASSWORD` from the environment, else from the secrets; None (or empty) = no
    gate."""
    value = os.environ.get("APP_PASSWORD") or _secret("APP_PASSWORD")
    return str(value) if value else None


def oidc_configured() -> bool:
    """True when the secrets hold an `[auth]` section for `st.login`."""
    return bool(_secret("auth"))


def _record_process_failure(now: float) -> None:
    with _process_lock:
        _process_failures.append(now)
        while _process_failures and now - _process_failures[0] > FAILURE_WINDOW_SECONDS:
            _process_failures.popleft()


def reset_process_failures() -> None:
    """Forget the process-wide failures (tests; a restart does the same)."""
    with _process_lock:
        _process_failures.clear()


def seconds_to_wait(now: float) -> float:
    """How long the next attempt must still wait, the larger of the session's and the
    process's delay, each counted from its last failure."""
    session_failures = st.session_state.get(FAILURES_KEY, 0)
    session_wait = 0.0
    if session_failures:
        last = st.session_state.get(LAST_FAILURE_KEY, now)
        session_wait = last + failure_delay(session_failures) - now
    with _process_lock:
        recent = [t for t in _process_failures if now - t <= FAILURE_WINDOW_SECONDS]
    process_wait = recent[-1] + failure_delay(len(recent)) - now if recent else 0.0
    return max(0.0, session_wait, process_wait)


def _check_attempt(given: str, expected: str) -> str | None:
    """Judge one submitted password; None when it is right, else the French reason."""
    now = _now()
    wait = seconds_to_wait(now)
    if wait > 0:
        return f"Trop d'essais : réessayez dans {int(wait) + 1} s."
    if password_matches(given, expected):
        st.session_state[AUTHENTICATED_KEY] = True
        st.session_state[FAILURES_KEY] = 0
        return None
    st.session_state[FAILURES_KEY] = st.session_state.get(FAILURES_KEY, 0) + 1
    st.session_state[LAST_FAILURE_KEY] = now
    _record_process_failure(now)
    return "Mot de passe incorrect."


def logout() -> None:
    """Button callback: leave the session (the password is asked again)."""
    st.session_state.pop(AUTHENTICATED_KEY, None)


def _password_screen(expected: str) -> bool:
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title("CRM Dashboard")
        with st.form("login", clear_on_submit=True):
            given = st.text_input("Mot de passe", type="password", key="auth_password")
            submitted = st.form_submit_button("Se connecter", type="primary")
        if submitted:
            refusal = _check_attempt(given, expected)
            if refusal is None:
                st.rerun()
            st.error(refusal)
    return False


def _oidc_screen() -> bool:
    st.title("CRM Dashboard")
    st.write("Cet espace est protégé : connectez-vous pour y accéder.")
    st.button("Se connecter", type="primary", on_click=st.login, key="auth_oidc_login")
    return False


def require_login() -> bool:
    """The gate, called by `app.py` before anything else is drawn. True when the page may
    be shown (then a "Se déconnecter" button is in the sidebar); False when the login
    screen was drawn instead and the script must stop."""
    if oidc_configured():
        if not st.user.is_logged_in:
            return _oidc_screen()
        st.sidebar.button("Se déconnecter", on_click=st.logout, key="auth_logout")
        return True
    expected = configured_password()
    if expected is None:
        return True
    if not st.session_state.get(AUTHENTICATED_KEY):
        return _password_screen(expected)
    st.sidebar.button("Se déconnecter", on_click=logout, key="auth_logout")
    return True
