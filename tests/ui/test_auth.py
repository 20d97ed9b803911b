"""The password gate of a deployed copy (issue 13, item 2), under AppTest."""

from __future__ import annotations

import pytest
from streamlit.proto.TextInput_pb2 import TextInput as TextInputProto
from streamlit.testing.v1 import AppTest

from components import auth
from tests.ui.conftest import APP

PASSWORD = "correct horse battery staple"


class FakeClock:
    """The gate's clock, moved by hand: delays are tested without sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(auth, "_now", fake)
    auth.reset_process_failures()
    yield fake
    auth.reset_process_failures()


@pytest.fixture
def gated(app_env, demo_import: int, clock: FakeClock,
          monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A fresh session of the app with APP_PASSWORD set and one import stored."""
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at


def _submit(at: AppTest, password: str) -> AppTest:
    at.text_input(key="auth_password").input(password)
    return at.button[0].click().run()


def test_failure_delay_doubles_and_is_capped() -> None:
    assert [auth.failure_delay(n) for n in range(6)] == [0.0, 1.0, 2.0, 4.0, 8.0, 16.0]
    assert auth.failure_delay(7) == 60.0
    assert auth.failure_delay(10_000) == 60.0


def test_password_matches_only_the_exact_password() -> None:
    assert auth.password_matches("sésame", "sésame")
    assert not auth.password_matches("sésame ", "sésame")
    assert not auth.password_matches("", "sésame")


def test_nothing_but_the_login_form_before_the_password(gated: AppTest) -> None:
    assert not gated.exception
    assert [t.value for t in gated.title] == ["CRM Dashboard"]
    assert [w.label for w in gated.text_input] == ["Mot de passe"]
    assert gated.text_input[0].proto.type == TextInputProto.PASSWORD
    assert len(gated.sidebar.children) == 0
    assert not gated.metric and not gated.dataframe and not gated.selectbox
    assert not gated.date_input and not gated.multiselect


def test_the_right_password_shows_the_dashboard_and_a_logout_button(gated: AppTest) -> None:
    at = _submit(gated, PASSWORD)
    assert not at.exception
    assert "Mot de passe" not in [w.label for w in at.text_input]
    assert at.metric, "the home page's KPIs should be shown once in"
    assert [b.label for b in at.sidebar.button][0] == "Se déconnecter"


def test_a_wrong_password_is_refused(gated: AppTest) -> None:
    at = _submit(gated, "mauvais")
    assert [e.value for e in at.error] == ["Mot de passe incorrect."]
    assert not at.metric and not at.sidebar.selectbox


def test_an_attempt_during_the_delay_is_refused_even_with_the_right_password(
        gated: AppTest, clock: FakeClock) -> None:
    _submit(gated, "mauvais")
    clock.now += 0.5  # the first delay is 1 s
    at = _submit(gated, PASSWORD)
    assert [e.value for e in at.error] == ["Trop d'essais : réessayez dans 1 s."]
    assert not at.metric
    clock.now += 1.0
    at = _submit(gated, PASSWORD)
    assert not at.error and at.metric


def test_a_new_session_waits_after_failures_of_another(
        gated: AppTest, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    for _ in range(3):  # delays 1 s, 2 s, then 4 s before the next attempt
        _submit(gated, "mauvais")
        clock.now += auth.MAX_DELAY_SECONDS
    clock.now -= auth.MAX_DELAY_SECONDS - 1.0  # 1 s after the third failure
    fresh = AppTest.from_file(APP, default_timeout=60)
    fresh.run()
    at = _submit(fresh, PASSWORD)
    assert [e.value for e in at.error] == ["Trop d'essais : réessayez dans 4 s."]


def test_logout_brings_back_the_login_form(gated: AppTest) -> None:
    at = _submit(gated, PASSWORD)
    at.sidebar.button(key="auth_logout").click().run()
    assert not at.metric
    assert [w.label for w in at.text_input] == ["Mot de passe"]


def test_no_password_set_means_no_gate(app_env, demo_import: int,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("APP_PASSWORD", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert at.metric
    assert "auth_logout" not in [b.key for b in at.sidebar.button]


OIDC_SECRETS = {"redirect_uri": "http://localhost:8501/oauth2callback",
                "cookie_secret": "x" * 32, "client_id": "id", "client_secret": "secret",
                "server_metadata_url": "https://example.invalid/.well-known/openid-configuration"}


def _oidc_app(logged_in: bool) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = OIDC_SECRETS
    at.user = {"is_logged_in": logged_in, "email": "fondatrice@example.com"}
    return at.run()


def test_openid_connect_is_offered_instead_of_the_password(
        app_env, demo_import: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    at = _oidc_app(logged_in=False)
    assert [b.label for b in at.button] == ["Se connecter"]
    assert not at.text_input and not at.metric
    assert len(at.sidebar.children) == 0


def test_an_openid_connect_user_sees_the_dashboard(app_env, demo_import: int) -> None:
    at = _oidc_app(logged_in=True)
    assert at.metric
    assert at.sidebar.button(key="auth_logout").label == "Se déconnecter"


def test_the_password_may_come_from_the_secrets(app_env, demo_import: int, clock: FakeClock,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("APP_PASSWORD", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["APP_PASSWORD"] = PASSWORD
    at.run()
    assert not at.metric and [w.label for w in at.text_input] == ["Mot de passe"]
    at = _submit(at, PASSWORD)
    assert at.metric
