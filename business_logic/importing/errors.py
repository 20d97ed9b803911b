"""What an import can report: a rejected row, or a failure that stops the whole import."""

from __future__ import annotations

from dataclasses import dataclass


class ImportFailure(Exception):
    """Nothing can be imported; the message is one clear French sentence for the user."""


class UnknownStageLabels(ImportFailure):
    """Stage labels that map to no canonical stage (metrics.md: never guessed silently)."""

    def __init__(self, labels: list[str]) -> None:
        self.labels = sorted(set(labels))
        shown = ", ".join(f"« {label} »" for label in self.labels)
        example = self.labels[0] if self.labels else "LIBELLÉ"
        super().__init__(
            f"Étapes inconnues : {shown}. Associez chacune à une étape canonique "
            "(prospect, qualified, proposal, negotiation, won, lost) dans l'application, "
            f'ou en ligne de commande avec --stage "{example}=proposal".'
        )


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
