"""`GET /diff` and `GET /backtest` (issue 13, item 4): the JSON of `cli.py diff --json` and
`cli.py backtest --json` for the same arguments, French errors on bad parameters."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

import api
from tests.api.test_api import AS_OF, AUTH, TOKEN, cli_json
from tests.ui.conftest import import_demo


@pytest.fixture
def client(app_env: Engine) -> TestClient:
    return TestClient(api.create_app(TOKEN))


@pytest.fixture
def three_imports(app_env: Engine) -> tuple[int, int, int]:
    return (import_demo(app_env, n_deals=120, as_of=AS_OF),
            import_demo(app_env, n_deals=100, as_of=AS_OF),
            import_demo(app_env, n_deals=80, as_of=AS_OF))


def test_diff_is_the_cli_json_for_the_same_imports_and_filters(
        client: TestClient, three_imports: tuple[int, int, int],
        capsys: pytest.CaptureFixture[str]) -> None:
    first, _, third = three_imports
    expected = cli_json(capsys, "diff", str(first), str(third), "--source", "LinkedIn")
    response = client.get("/diff", headers=AUTH, params={
        "from_import": first, "to_import": third, "source": "LinkedIn"})
    assert response.status_code == 200
    body = response.json()
    assert body == expected
    assert (body["from_import"], body["to_import"]) == (first, third)


def test_diff_defaults_to_the_two_latest_imports(
        client: TestClient, three_imports: tuple[int, int, int],
        capsys: pytest.CaptureFixture[str]) -> None:
    _, second, third = three_imports
    body = client.get("/diff", headers=AUTH).json()
    assert (body["from_import"], body["to_import"]) == (second, third)
    assert body == cli_json(capsys, "diff")


def test_diff_of_an_unknown_import_gets_a_404_in_french(
        client: TestClient, three_imports) -> None:
    response = client.get("/diff", headers=AUTH,
                          params={"from_import": 1, "to_import": 999})
    assert response.status_code == 404
    assert response.json() == {"detail": "Import n°999 introuvable."}


def test_diff_with_a_bad_date_gets_a_400_in_french(client: TestClient,
                                                   three_imports) -> None:
    response = client.get("/diff", headers=AUTH, params={"from": "1er janvier"})
    assert response.status_code == 400
    assert response.json() == {"detail": "from attend une date AAAA-MM-JJ, reçu '1er janvier'"}


def test_backtest_is_the_cli_json_for_the_same_arguments(
        client: TestClient, three_imports: tuple[int, int, int],
        capsys: pytest.CaptureFixture[str]) -> None:
    first = three_imports[0]
    expected = cli_json(capsys, "backtest", "--import-id", str(first), "--horizon", "60",
                        "--as-of", "2026-09-30")
    response = client.get("/backtest", headers=AUTH, params={
        "import_id": first, "horizon": 60, "as_of": "2026-09-30"})
    assert response.status_code == 200
    assert response.json() == expected
    assert expected["horizon"] == 60


def test_backtest_outside_the_horizons_gets_a_400_in_french(client: TestClient,
                                                            three_imports) -> None:
    response = client.get("/backtest", headers=AUTH, params={"horizon": 45})
    assert response.status_code == 400
    assert response.json() == {"detail": "horizon attend 30 | 60 | 90, reçu 45"}


def test_backtest_with_an_ill_typed_horizon_gets_a_422_in_french(
        client: TestClient, three_imports) -> None:
    response = client.get("/backtest", headers=AUTH, params={"horizon": "soixante"})
    assert response.status_code == 422
    assert "« horizon » attend un nombre entier" in response.json()["detail"]


def test_diff_and_backtest_are_in_the_openapi_docs(client: TestClient) -> None:
    assert {"/diff", "/backtest"} <= set(client.get("/openapi.json").json()["paths"])


def test_diff_wants_the_token(client: TestClient, three_imports) -> None:
    assert client.get("/diff").status_code == 401
