"""What an import brought in, for its report (issue 12, item 8): the open / won / lost split
with counts and amounts in the main currency, and how each stage label of the file was
mapped (label → stage, number of deals)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from business_logic.metrics.currency import main_currency
from business_logic.stages import STAGE_ORDER

STATUSES = ("open", "won", "lost")


@dataclass(frozen=True)
class StatusTotal:
    status: str
    deals: int
    amount: float  # Σ amount in the main currency (and deals without a currency)


@dataclass(frozen=True)
class StageLabelUse:
    label: str | None  # the file's label; None when the row had none
    stage: str
    deals: int


@dataclass(frozen=True)
class ImportContents:
    """`other_currency_deals` deals, in another currency, are counted in `by_status` but not
    in its amounts: totals never add two currencies (docs/definitions.md)."""

    currency: str | None
    by_status: tuple[StatusTotal, ...]
    stage_labels: tuple[StageLabelUse, ...]
    other_currency_deals: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "currency": self.currency,
            "by_status": [vars(total) for total in self.by_status],
            "stage_labels": [vars(use) for use in self.stage_labels],
            "other_currency_deals": self.other_currency_deals,
        }


def import_contents(deals: pd.DataFrame) -> ImportContents:
    """The report's split and stage mapping for the canonical frame of one import."""
    currency = main_currency(deals)
    currencies = deals["currency"]
    counted = currencies.isna() | (currencies == currency) if currency else currencies.isna()
    counted = counted.to_numpy(dtype=bool, na_value=True)
    amounts = np.nan_to_num(deals["amount"].to_numpy(dtype="float64", na_value=np.nan))
    statuses = deals["status"].to_numpy()
    by_status = tuple(
        StatusTotal(status, int((statuses == status).sum()),
                    float(amounts[(statuses == status) & counted].sum()))
        for status in STATUSES
    )
    labels = deals["stage_label"].astype("object").where(deals["stage_label"].notna(), None)
    grouped = (pd.DataFrame({"label": labels, "stage": deals["stage"]})
               .value_counts(["label", "stage"], dropna=False).reset_index(name="deals"))
    order = {stage: position for position, stage in enumerate(STAGE_ORDER)}
    grouped["order"] = grouped["stage"].map(order)
    grouped = grouped.sort_values(["order", "deals", "label"], ascending=[True, False, True],
                                  na_position="last", kind="stable")
    stage_labels = tuple(
        StageLabelUse(None if pd.isna(label) else str(label), str(stage), int(count))
        for label, stage, count in zip(grouped["label"], grouped["stage"], grouped["deals"],
                                       strict=True)
    )
    return ImportContents(currency, by_status, stage_labels, int((~counted).sum()))
