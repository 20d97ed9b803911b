"""The key an action state is stored under: the CRM's own deal id, which is the same in the
next export of the same CRM (docs/actions.md, « Fait et reporté »).

A file without an id column gets `L{row}` ids from the importer (a row number says nothing
about the next file), so those deals are keyed by their name + company instead, with the
comparison key of docs/history.md (case-, accent- and punctuation-insensitive).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from business_logic.history.keys import deal_keys
from business_logic.history.matching import generated_id_mask

KEY_PREFIX: Final = "clé:"  # a name + company key, never mistaken for a CRM id


def action_keys(deals: pd.DataFrame) -> np.ndarray:
    """One key per row (object array of str, None when a generated-id deal has neither name
    nor company: such a deal cannot be marked)."""
    keys = deals["deal_id"].astype(object).to_numpy(copy=True)
    generated = generated_id_mask(deals)
    if generated.any():
        by_name = deal_keys(deals.iloc[np.flatnonzero(generated)]).to_pylist()
        keys[generated] = [None if k is None else KEY_PREFIX + k for k in by_name]
    return keys
