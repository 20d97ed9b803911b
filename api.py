"""Read-only REST API (issue 13, item 4): the JSON of the CLI's read commands over HTTP, for
a spreadsheet, a cron job or Zapier.

    python run.py api [--host 127.0.0.1] [--port 8000]

`GET /kpis`, `/imports`, `/objectives`, `/diff` and `/backtest` answer exactly what
`python cli.py kpis --json`, `imports --json`, `objectives --json`, `diff --json` and
`backtest --json` print for the same arguments: both call `services.py`
(`/diff?from_import=A&to_import=B` is `diff A B`). The CLI's options are query parameters
(`/kpis?as_of=2026-11-26&source=LinkedIn&source=Salon`, repeatable filters repeated).
OpenAPI docs: `/docs`.

Every data endpoint wants `Authorization: Bearer <API_TOKEN>` (compared in constant time).
Without `API_TOKEN` the server starts only when bound to the local machine, and then
answers without a token. Errors are JSON `{"detail": "<one French sentence>"}`: 400 bad
argument, 401 missing or wrong token, 404 unknown import, 422 ill-typed parameter,
503 database unreachable.

To add an endpoint: build the JSON in `services.py`, have the CLI command print it, and
add one route below that calls it — nothing else.
"""

from __future__ import annotations

import argparse
import hmac
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

import services

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
DEFAULT_PORT = 8000

_bearer = HTTPBearer(auto_error=False, description="Le jeton de la variable API_TOKEN.")


def _engine() -> Any:
    from database import get_engine

    return get_engine()


def _token_check(token: str | None):
    """The dependency that lets a request in: the right bearer token, or any request when
    the server runs without a token (bound to localhost, see `main`)."""

    def check(credentials: Annotated[HTTPAuthorizationCredentials | None,
                                     Depends(_bearer)]) -> None:
        if token is None:
            return
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
            raise _Unauthorized()

    return check


class _Unauthorized(Exception):
    pass


def _french_validation(error: RequestValidationError) -> str:
    """FastAPI's type errors (English) as one French sentence naming the parameter."""
    parts = []
    for problem in error.errors():
        name = str(problem.get("loc", ("", "?"))[-1])
        value = problem.get("input")
        kind = str(problem.get("type", ""))
        if kind.startswith("int"):
            expected = "un nombre entier"
        elif kind == "missing":
            expected = "une valeur (paramètre obligatoire)"
        else:
            expected = "une autre valeur"
        parts.append(f"le paramètre « {name} » attend {expected}, reçu {value!r}")
    return "Requête invalide : " + " ; ".join(parts) + "."


FilterList = Annotated[list[str] | None, Query(description="filtre (répétable)")]


def _filters(
    status: FilterList = None,
    source: FilterList = None,
    sector: FilterList = None,
    owner: FilterList = None,
    segment: FilterList = None,
    search: Annotated[str | None, Query(description="nom, entreprise, notes")] = None,
    date_field: Annotated[str, Query(description="created | expected_close | closed")]
    = "created",
    date_from: Annotated[str | None, Query(alias="from")] = None,
    date_to: Annotated[str | None, Query(alias="to")] = None,
) -> Any:
    """The CLI's filter options as query parameters (one definition for every route)."""
    return services.deal_filters(services.FilterArguments(
        status=status or (), source=source or (), sector=sector or (),
        owner=owner or (), segment=segment or (), search=search, date_field=date_field,
        date_from=date_from, date_to=date_to,
    ))


Filters = Annotated[Any, Depends(_filters)]


def create_app(token: str | None) -> FastAPI:
    """The application; `token` None means no authentication (localhost only)."""
    app = FastAPI(
        title="CRM Dashboard — API en lecture seule",
        description="Le JSON des commandes `python cli.py … --json` (voir docs/cli.md et "
                    "docs/deploiement.md).",
        dependencies=[Depends(_token_check(token))],
    )

    @app.exception_handler(_Unauthorized)
    async def unauthorized(_: Request, __: _Unauthorized) -> JSONResponse:
        return JSONResponse({"detail": "Jeton manquant ou invalide : en-tête "
                             "« Authorization: Bearer <API_TOKEN> » attendu."},
                            status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(services.RequestError)
    async def bad_request(_: Request, error: services.RequestError) -> JSONResponse:
        status = 404 if isinstance(error, services.NotFound) else 400
        return JSONResponse({"detail": str(error)}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _french_validation(error)}, status_code=422)

    from psycopg import Error as DriverError
    from sqlalchemy.exc import OperationalError

    from database import DatabaseUnavailable, StorageError
    from database.errors import describe_database_error

    async def database_down(_: Request, error: Exception) -> JSONResponse:
        known = isinstance(error, (DatabaseUnavailable, StorageError))
        detail = str(error) if known else describe_database_error(error)
        return JSONResponse({"detail": detail}, status_code=503)

    for kind in (DatabaseUnavailable, StorageError, OperationalError, DriverError):
        app.add_exception_handler(kind, database_down)

    @app.get("/imports", summary="Les imports (comme `cli.py imports --json`)")
    def imports() -> list[dict[str, Any]]:
        return services.imports_payload(_engine())

    @app.get("/kpis", summary="Les indicateurs d'un import (comme `cli.py kpis --json`)")
    def kpis(
        filters: Filters,
        import_id: Annotated[int | None, Query(description="défaut : le dernier import")] = None,
        as_of: Annotated[str | None, Query(description="AAAA-MM-JJ (défaut : aujourd'hui)")]
        = None,
        period: Annotated[int, Query(description="7, 30 ou 90 jours")] = 30,
    ) -> dict[str, Any]:
        import datetime as dt

        day = services.parse_date(as_of, "as_of") or dt.date.today()
        return services.kpis_result(_engine(), import_id=import_id, as_of=day,
                                    period=period, filters=filters).payload

    @app.get("/objectives",
             summary="Objectifs et progression (comme `cli.py objectives --json`)")
    def objectives(
        filters: Filters,
        import_id: Annotated[int | None, Query(description="défaut : le dernier import")] = None,
        as_of: Annotated[str | None, Query(description="AAAA-MM-JJ (défaut : aujourd'hui)")]
        = None,
    ) -> dict[str, Any]:
        import datetime as dt

        day = services.parse_date(as_of, "as_of") or dt.date.today()
        return services.objectives_payload(_engine(), import_id=import_id, as_of=day,
                                           filters=filters)

    @app.get("/diff", summary="Les changements d'un import à l'autre (comme `cli.py diff "
             "--json`)")
    def diff(
        filters: Filters,
        from_import: Annotated[int | None, Query(description="import de départ (A)")] = None,
        to_import: Annotated[int | None, Query(description="import d'arrivée (B)")] = None,
    ) -> dict[str, Any]:
        return services.diff_payload(_engine(), from_import=from_import,
                                     to_import=to_import, filters=filters)

    @app.get("/backtest", summary="La fiabilité de la prévision sur le passé (comme "
             "`cli.py backtest --json`)")
    def backtest(
        import_id: Annotated[int | None, Query(description="défaut : le dernier import")] = None,
        as_of: Annotated[str | None, Query(description="dernière date rejouée AAAA-MM-JJ")]
        = None,
        horizon: Annotated[int, Query(description="30, 60 ou 90 jours")] = 30,
    ) -> dict[str, Any]:
        day = services.parse_date(as_of, "as_of")
        return services.backtest_result(_engine(), import_id=import_id, as_of=day,
                                        horizon=horizon).to_dict()

    return app


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python run.py api",
                                     description="API REST en lecture seule.")
    parser.add_argument("--host", default="127.0.0.1",
                        help="adresse d'écoute (défaut : 127.0.0.1, cette machine seule)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    args = parser.parse_args(argv)
    token = os.environ.get("API_TOKEN") or None
    if token is None and args.host not in LOCAL_HOSTS:
        print(f"Erreur : API_TOKEN n'est pas défini ; sans jeton, l'API n'écoute que sur "
              f"127.0.0.1 (reçu --host {args.host}).", file=sys.stderr)
        return 2
    import uvicorn

    uvicorn.run(create_app(token), host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
