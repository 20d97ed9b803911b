"""French for the texts Streamlit and Plotly draw themselves (issue 12, item 1).

Streamlit has no locale option (the uploader's "Drag and drop file here", "Select all",
"Skip to main content", the date placeholders…): `install()` adds, once per page run, a small
script (assets/french_ui.js) that rewrites those texts and their tooltips in place as they
appear. Plotly's toolbar is translated by Plotly itself through `PLOTLY_CONFIG` (its own
locale mechanism; the French locale file is not bundled by Streamlit, so its dictionary is
given here).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

from components import chunk_prefetch

SCRIPT = Path(__file__).resolve().parent.parent / "assets" / "french_ui.js"
# Layout rules for narrow screens (phone order of Accueil), injected with the script.
RESPONSIVE_CSS = SCRIPT.with_name("responsive.css")

# The script's own element is hidden: it draws nothing and must not leave a gap.
_HIDE_SELF = (
    '<style>[data-testid="stElementContainer"]:has(#crm-french-ui)'
    "{display:none}</style>"
)

# Plotly's locale dictionary (plotly.js `config.locales`), for the buttons kept below.
PLOTLY_FRENCH = {
    "Download plot as a PNG": "Télécharger le graphique (PNG)",
    "Download plot": "Télécharger le graphique",
    "Zoom": "Zoomer",
    "Zoom in": "Zoom avant",
    "Zoom out": "Zoom arrière",
    "Pan": "Déplacer",
    "Autoscale": "Échelle automatique",
    "Reset axes": "Réinitialiser les axes",
    "Reset view": "Réinitialiser la vue",
    "Double-click to zoom back out": "Double-cliquez pour revenir au zoom initial",
    "Taking snapshot - this may take a few seconds": "Capture en cours…",
    "Snapshot succeeded": "Capture réussie",
    "Sorry, there was a problem downloading your snapshot!":
        "Le téléchargement de la capture a échoué.",
    "Click to enter Colorscale title": "Titre de l'échelle",
    "Click to enter Component A title": "Titre",
    "Click to enter Plot title": "Titre du graphique",
    "Click to enter X axis title": "Titre de l'axe X",
    "Click to enter Y axis title": "Titre de l'axe Y",
    "Click to enter radial axis title": "Titre de l'axe",
    "Click to enter legend title": "Titre de la légende",
    "Produced with Plotly.js": "Produit avec Plotly.js",
}
PLOTLY_CONFIG = {
    "displaylogo": False,
    "locale": "fr",
    "locales": {
        "fr": {
            "dictionary": PLOTLY_FRENCH,
            "format": {
                "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
                         "samedi"],
                "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
                "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                           "août", "septembre", "octobre", "novembre", "décembre"],
                "shortMonths": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.",
                                "août", "sept.", "oct.", "nov.", "déc."],
                "date": "%d/%m/%Y",
                "decimal": ",",
                "thousands": "\u202f",
            },
        }
    },
    # Selection tools and spike lines mean nothing on these charts.
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "toggleSpikelines",
                               "hoverClosestCartesian", "hoverCompareCartesian"],
    "toImageButtonOptions": {"format": "png", "filename": "graphique"},
}


@cache
def _script() -> str:
    return SCRIPT.read_text(encoding="utf-8")


@cache
def _css() -> str:
    return RESPONSIVE_CSS.read_text(encoding="utf-8")


def install() -> None:
    """Add the translating script, and the chart library's early load, to the page (a no-op
    in the browser after the first run)."""
    st.html(f'{_HIDE_SELF}<style>{_css()}</style><div id="crm-french-ui"></div>'
            f'<script>{_script()}</script><script>{chunk_prefetch.script()}</script>',
            unsafe_allow_javascript=True)
