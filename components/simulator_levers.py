"""The Simulateur's levers as widgets (docs/objectifs.md, « Simulateur »): four sliders,
the per-deal choices, the reset button. Each widget has a key; `current_levers()` reads
them back as a `Levers`, and `set_levers` (a button callback, before the widgets are
drawn) writes one in.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd
import streamlit as st

from business_logic.metrics import PreparedDeals
from business_logic.planning.whatif import Levers
from utils.escaping import markdown_text
from utils.formatting import format_eur

# key -> (Levers field, label, min, max, step, format, help)
SLIDERS: Final = {
    "sim_basket": ("basket_percent", "Panier moyen", -100, 200, 1, "%+d %%",
                   "Montant de chaque affaire en cours, et montant moyen des affaires "
                   "gagnées que la prévision prête aux nouvelles affaires."),
    "sim_win_rate": ("win_rate_points", "Taux de réussite (points)", -50, 50, 1, "%+d pts",
                     "Ajouté à la probabilité de chaque affaire en cours (gardée entre 0 et "
                     "100 %) et au taux de réussite appris pour les nouvelles affaires."),
    "sim_cycle": ("cycle_days", "Cycle de vente (jours)", -90, 180, 1, "%+d j",
                  "Chaque affaire se conclut ce nombre de jours plus tard (plus tôt si "
                  "négatif), jamais avant la date de référence."),
    "sim_new_deals": ("new_deals_percent", "Nouvelles affaires par semaine", -100, 300, 5,
                      "%+d %%", "Rythme de création d'affaires de la couche « nouvelles "
                      "affaires » de la prévision."),
}
DEALS_KEY: Final = "sim_deals"
CHOICE_PREFIX: Final = "sim_choice_"
CHOICES: Final = {"won": "gagnée", "lost": "perdue", "slip": "glisse d'un mois"}
MAX_DEAL_OPTIONS: Final = 300


def reset_levers() -> None:
    """Every lever back to zero and no deal chosen (a button callback)."""
    set_levers(Levers())


def set_levers(levers: Levers) -> list[str]:
    """Write `levers` into the widgets (a callback, before they are drawn); values beyond a
    slider's range are brought to its end. Returns the names of the levers so clipped."""
    clipped = []
    for key, (field, label, low, high, *_rest) in SLIDERS.items():
        value = float(getattr(levers, field))
        st.session_state[key] = int(min(max(value, low), high))
        if not low <= value <= high:
            clipped.append(label)
    for key in [k for k in st.session_state if str(k).startswith(CHOICE_PREFIX)]:
        del st.session_state[key]  # the choice widgets of deals no longer picked
    st.session_state[DEALS_KEY] = list(levers.overrides)
    for deal_id, choice in levers.overrides.items():
        st.session_state[CHOICE_PREFIX + deal_id] = choice
    return clipped


def current_levers() -> Levers:
    """The levers the widgets show (zero before they are drawn)."""
    values = {field: float(st.session_state.get(key, 0))
              for key, (field, *_rest) in SLIDERS.items()}
    overrides = {deal_id: st.session_state.get(CHOICE_PREFIX + deal_id, "won")
                 for deal_id in st.session_state.get(DEALS_KEY, [])}
    return Levers(**values, overrides=overrides)


_OPTION_COLUMNS = ["deal_id", "name", "company", "amount"]


def _top_open(deals: pd.DataFrame) -> pd.DataFrame:
    """The MAX_DEAL_OPTIONS open deals of largest weighted amount (ties: frame order)."""
    rows = np.flatnonzero((deals["status"] == "open").to_numpy(dtype=bool, na_value=False))
    weight = (deals["amount"].fillna(0) * deals["probability"].fillna(0)).to_numpy()[rows]
    return deals[_OPTION_COLUMNS].iloc[rows[np.argsort(-weight, kind="stable")]
                                       [:MAX_DEAL_OPTIONS]]


def deal_options(baseline: PreparedDeals) -> dict[str, str]:
    """deal_id -> label of the open deals one may force: the MAX_DEAL_OPTIONS largest
    weighted amounts (a 100k-deal list would be sent to the browser on every change), plus
    the deals already chosen. Label: "name — company · amount". The largest are kept in
    the baseline's memo: choosing them from 1M deals took ~0.2 s per rerun (issue 8)."""
    deals = baseline.frame
    keep = baseline.memo("simulator_deal_options", lambda: _top_open(deals))
    chosen = set(st.session_state.get(DEALS_KEY, [])) - set(keep["deal_id"].astype(str))
    if chosen:
        more = deals.loc[(deals["status"] == "open") & deals["deal_id"].isin(chosen),
                         _OPTION_COLUMNS]
        keep = pd.concat([keep, more]).drop_duplicates("deal_id")
    out = {}
    for deal_id, name, company, amount in keep[["deal_id", "name", "company",
                                                "amount"]].itertuples(index=False):
        label = str(name) if isinstance(name, str) else f"Affaire {deal_id}"
        if isinstance(company, str) and company:
            label += f" — {company}"
        out[str(deal_id)] = f"{label} · {format_eur(amount)}"
    return out


def lever_widgets() -> None:
    for key, (_field, label, low, high, step, shown, help_text) in SLIDERS.items():
        st.session_state.setdefault(key, 0)
        st.slider(label, min_value=low, max_value=high, step=step, format=shown, key=key,
                  help=help_text)


def deal_widgets(baseline: PreparedDeals) -> list[str]:
    """The per-deal choices; returns the chosen deal_ids no longer open under the filters
    (they are dropped from the scenario)."""
    options = deal_options(baseline)
    chosen = st.session_state.get(DEALS_KEY, [])
    missing = [deal_id for deal_id in chosen if deal_id not in options]
    if missing:
        st.session_state[DEALS_KEY] = [d for d in chosen if d in options]
    st.multiselect(
        "Affaires à forcer", list(options), format_func=options.get, key=DEALS_KEY,
        placeholder="Choisir des affaires en cours",
        help=f"Les {MAX_DEAL_OPTIONS} affaires en cours au plus gros montant pondéré ; la "
        "recherche de la barre latérale en trouve d'autres.",
    )
    for deal_id in st.session_state.get(DEALS_KEY, []):
        st.session_state.setdefault(CHOICE_PREFIX + deal_id, "won")
        st.radio(markdown_text(options[deal_id]), list(CHOICES), format_func=CHOICES.get,
                 key=CHOICE_PREFIX + deal_id, horizontal=True)
    return missing
