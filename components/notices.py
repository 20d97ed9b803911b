"""Confirmation toasts that survive `st.rerun()`: a save that must redraw the whole app
(sidebar, cached frames) keeps its message in the session and shows it on the next run."""

from __future__ import annotations

import streamlit as st

_PENDING_KEY = "_pending_toasts"


def toast_after_rerun(message: str, icon: str = ":material/check_circle:") -> None:
    """Show `message` as a toast on the next run (call it just before `st.rerun()`)."""
    st.session_state.setdefault(_PENDING_KEY, []).append((message, icon))


def show_pending_toasts() -> None:
    """Show, once, the toasts left by the previous run."""
    for message, icon in st.session_state.pop(_PENDING_KEY, []):
        st.toast(message, icon=icon)
