"""The read-only REST API (issue 13, item 4) against the real database: the token, the
same JSON as the CLI, French errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

import api
import cli
from tests.ui.conftest import import_demo

TOKEN = "jeton-de-test-0123456789"
AS_OF = dt.date(2026, 11, 26)
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(app_env: Engine) -> TestClient:
    return TestClient(api.create_app(TOKEN))


@pytest.fixture
def two_imports(app_env: Engine) -> tuple[int, int]:
    return (import_demo(app_env, n_deals=120, as_of=AS_OF),
            import_demo(app_env, n_deals=80, as_of=AS_OF))


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    code = cli.main([*args, "--json"])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def test_no_token_is_refused(client: TestClient, two_imports) -> None:
    response = client.get("/kpis")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Jeton manquant ou invalide")
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_wrong_token_is_refused(client: TestClient, two_imports) -> None:
    response = client.get("/imports", headers={"Authorization": "Bearer pas-le-bon"})
    assert response.status_code == 401


def test_imports_is_the_cli_json(client: TestClient, two_imports,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    response = client.get("/imports", headers=AUTH)
    assert response.status_code == 200
    body = response.json()
    assert sorted(entry["import_id"] for entry in body) == sorted(two_imports)
    assert body == cli_json(capsys, "imports")


def test_kpis_is_the_cli_json_for_the_same_arguments(
        client: TestClient, two_imports: tuple[int, int],
        capsys: pytest.CaptureFixture[str]) -> None:
    first, _ = two_imports
    expected = cli_json(capsys, "kpis", "--import-id", str(first), "--as-of", "2026-11-26",
                        "--period", "90", "--source", "LinkedIn", "--source", "Salon",
                        "--date-field", "created", "--from", "2025-01-01")
    response = client.get("/kpis", headers=AUTH, params={
        "import_id": first, "as_of": "2026-11-26", "period": 90,
        "source": ["LinkedIn", "Salon"], "date_field": "created", "from": "2025-01-01"})
    assert response.status_code == 200
    body = response.json()
    assert body == expected
    assert body["import_id"] == first and body["as_of"] == "2026-11-26"
    assert 0 < body["deals_total"] < 120  # the source filter did apply


def test_kpis_defaults_to_the_latest_import(client: TestClient,
                                            two_imports: tuple[int, int]) -> None:
    response = client.get("/kpis", headers=AUTH, params={"as_of": "2026-11-26"})
    assert response.json()["import_id"] == two_imports[1]
    assert response.json()["deals_total"] == 80


def test_a_bad_date_gets_a_400_in_french(client: TestClient, two_imports) -> None:
    response = client.get("/kpis", headers=AUTH, params={"as_of": "26/11/2026"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "as_of attend une date AAAA-MM-JJ, reçu '26/11/2026'"}


def test_reversed_bounds_get_a_400_in_french(client: TestClient, two_imports) -> None:
    response = client.get("/kpis", headers=AUTH,
                          params={"from": "2026-02-01", "to": "2026-01-01"})
    assert response.status_code == 400
    assert response.json()["detail"] == "to (2026-01-01) précède from (2026-02-01)"


def test_an_unknown_date_field_gets_a_400(client: TestClient, two_imports) -> None:
    response = client.get("/kpis", headers=AUTH, params={"date_field": "won"})
    assert response.status_code == 400
    assert "created | expected_close | closed" in response.json()["detail"]


def test_an_ill_typed_parameter_gets_a_422_in_french(client: TestClient,
                                                     two_imports) -> None:
    response = client.get("/kpis", headers=AUTH, params={"import_id": "abc"})
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "Requête invalide : le paramètre « import_id » attend un nombre entier, "
        "reçu 'abc'.")


def test_a_period_outside_the_choices_gets_a_400(client: TestClient, two_imports) -> None:
    response = client.get("/kpis", headers=AUTH, params={"period": 45})
    assert response.status_code == 400
    assert response.json()["detail"] == "period attend 7 | 30 | 90, reçu 45"


def test_an_unknown_import_gets_a_404_in_french(client: TestClient, two_imports) -> None:
    response = client.get("/kpis", headers=AUTH, params={"import_id": 999})
    assert response.status_code == 404
    assert response.json() == {"detail": "Import n°999 introuvable."}


def test_the_openapi_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    schema = client.get("/openapi.json").json()
    assert {"/kpis", "/imports"} <= set(schema["paths"])


def test_without_a_token_the_api_serves_localhost_only(monkeypatch, capsys) -> None:
    monkeypatch.delenv("API_TOKEN", raising=False)
    assert api.main(["--host", "0.0.0.0", "--port", "8555"]) == 2
    assert "API_TOKEN n'est pas défini" in capsys.readouterr().err


def test_without_a_token_configured_no_header_is_needed(app_env: Engine,
                                                         two_imports) -> None:
    local = TestClient(api.create_app(None))
    assert local.get("/imports").status_code == 200


def test_objectives_is_the_cli_json_for_the_same_arguments(
        client: TestClient, two_imports: tuple[int, int],
        capsys: pytest.CaptureFixture[str]) -> None:
    first, _ = two_imports
    assert cli.main(["objectives", "set", "2026-11", "30000"]) == 0
    assert cli.main(["objectives", "set", "2026-12", "40000"]) == 0
    capsys.readouterr()
    expected = cli_json(capsys, "objectives", "--import-id", str(first), "--as-of",
                        "2026-11-26", "--source", "LinkedIn")
    response = client.get("/objectives", headers=AUTH, params={
        "import_id": first, "as_of": "2026-11-26", "source": ["LinkedIn"]})
    assert response.status_code == 200
    body = response.json()
    assert body == expected
    assert [p["target"] for p in body["periods"]] == [30_000.0, 70_000.0, 70_000.0]
