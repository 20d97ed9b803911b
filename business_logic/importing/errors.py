"""What an import can report: a rejected row, or a failure that stops the whole import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from business_logic.importing.report import ImportReport


class ImportFailure(Exception):
    """Nothing can be imported; the message is one clear French sentence for the user."""


class NothingImported(ImportFailure):
    """Every row was rejected: nothing is stored (docs/cli.md), but the rejections are kept in
    `report` so that they can be shown or written to a file."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        first = ""
        if report.errors:
            e = report.errors[0]
            first = (f" (ligne {e.row}, colonne « {excerpt(e.column, 60)} », valeur "
                     f"« {excerpt(e.value, 60)} » : {e.message})")
        super().__init__(
            f"Aucune affaire importée : les {_count(report.rows_read)} ligne(s) lue(s) ont "
            f"toutes été rejetées{first} ; rien n'a été enregistré."
        )


class UnknownStageLabels(ImportFailure):
    """Stage labels that map to no canonical stage (docs/definitions.md: never guessed silently).

    `labels` holds them all (the app asks about each); the message names the first
    `SHOWN_LABELS`, each cut to `LABEL_EXCERPT` characters, and says how many there are, so
    10,000 labels make one short line, not 269 KB.
    """

    SHOWN_LABELS = 20
    LABEL_EXCERPT = 60

    def __init__(self, labels: list[str]) -> None:
        self.labels = sorted(set(labels))
        count = len(self.labels)
        shown = ", ".join(f"« {excerpt(label, self.LABEL_EXCERPT)} »"
                          for label in self.labels[: self.SHOWN_LABELS])
        more = (f" et {_count(count - self.SHOWN_LABELS)} autre(s)"
                if count > self.SHOWN_LABELS else "")
        example = excerpt(self.labels[0], self.LABEL_EXCERPT) if self.labels else "LIBELLÉ"
        super().__init__(
            f"{_count(count)} étape(s) inconnue(s) : {shown}{more}. Associez chacune à une étape "
            "canonique (prospect, qualified, proposal, negotiation, won, lost) dans "
            f'l\'application, ou en ligne de commande avec --stage "{example}=proposal" '
            "(une option --stage par libellé)."
        )


def _count(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def excerpt(value: str, limit: int = 80) -> str:
    """The start of a long value, on one line, for a message or a report."""
    head = value[: limit * 4]
    flat = " ".join(head.split()) if ("\n" in head or "\r" in head) else head
    if len(flat) <= limit and len(head) == len(value):
        return flat
    return flat[: limit - 1] + "…"


@dataclass(frozen=True)
class RowError:
    """One rejected cell: `row` as a spreadsheet numbers it, `column` as the file names it."""

    row: int
    column: str
    value: str
    message: str

    def to_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "value": self.value,
                "message": self.message}
