"""The weekly review as a one-to-two-page A4 PDF (fpdf2).

fpdf2's core fonts are Latin-1 only and have no euro sign, so the review is set in DejaVu
Sans, shipped in assets/fonts/ (licence alongside) so that it prints the same on Linux,
Windows and macOS. Should the font files be missing, it falls back to Helvetica and
spells the few characters Latin-1 lacks ("€" → "EUR") rather than failing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from fpdf import FPDF
from fpdf.fonts import FontFace

from business_logic.labels import currency_notice
from business_logic.weekly_review import PERIOD_LABELS, REVIEW_PERIOD_DAYS, WeeklyReview
from utils import pdf_charts, pdf_objectives
from utils.formatting import (
    MISSING,
    format_count,
    format_date,
    format_delta_percent,
    format_eur,
    format_number,
    format_percent,
    is_missing,
)
from utils.labels import stage_label

FONT_DIR: Final = Path(__file__).resolve().parent.parent / "assets" / "fonts"
FONT_FILES: Final = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
ACCENT: Final = (30, 64, 175)  # headings and table headers (blue-800)
MUTED: Final = (100, 116, 139)
HEADER_FILL: Final = (226, 232, 240)


_LATIN1_SPELLING: Final = {"€": "EUR", "\u202f": " ", "—": "-", "–": "-", "…": "...",
                           "≥": ">=", "’": "'", "œ": "oe", "Œ": "OE"}  # fmt: skip


class _ReviewPdf(FPDF):
    def __init__(self, font_dir: Path) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.unicode = all((font_dir / name).is_file() for name in FONT_FILES.values())
        if self.unicode:
            for style, name in FONT_FILES.items():
                self.add_font("DejaVu", style, str(font_dir / name))
        self.family = "DejaVu" if self.unicode else "Helvetica"
        self.set_margins(15, 14, 15)
        self.set_auto_page_break(auto=True, margin=16)
        self.set_title("Revue hebdomadaire")
        self.set_creator("CRM Dashboard")

    def text_for(self, value: str) -> str:
        """`value` as the current font can print it."""
        if self.unicode:
            return value
        for char, spelling in _LATIN1_SPELLING.items():
            value = value.replace(char, spelling)
        return value.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(self.family, "", 7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.text_for(f"CRM Dashboard · page {self.page_no()}/{{nb}}"),
                  align="R")


def _text(value: object) -> str:
    return MISSING if is_missing(value) else " ".join(str(value).split())


def _fit(pdf: _ReviewPdf, text: str, width: float) -> str:
    """`text` cut with an ellipsis so that it holds on one line of a `width` mm cell."""
    text = pdf.text_for(text)
    room = width - 2.6  # cell padding
    if pdf.get_string_width(text) <= room:
        return text
    ellipsis = pdf.text_for("…")
    while text and pdf.get_string_width(text + ellipsis) > room:
        text = text[:-1]
    return text.rstrip() + ellipsis


def _ensure_space(pdf: _ReviewPdf, height: float) -> None:
    """Start a new page rather than split a small table from its title."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _heading(pdf: _ReviewPdf, text: str) -> None:
    pdf.ln(2)  # 1 mm less per section: a full week with objectives fits two pages
    pdf.set_font(pdf.family, "B", 11.5)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 7, pdf.text_for(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)


def _paragraph(pdf: _ReviewPdf, text: str, *, size: float = 9, bold: bool = False,
               color: tuple[int, int, int] = (0, 0, 0)) -> None:
    pdf.set_font(pdf.family, "B" if bold else "", size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, size * 0.5, pdf.text_for(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)


def _table(pdf: _ReviewPdf, header: Sequence[str], rows: Sequence[Sequence[str]],
           widths: Sequence[float], align: str = "LRRRR") -> None:
    """A small table: bold shaded header, first column left, figures right-aligned. Cells
    hold one line each (long CRM texts are cut); headers may wrap."""
    pdf.set_font(pdf.family, "", 8.5)
    heading = FontFace(emphasis="BOLD", color=ACCENT, fill_color=HEADER_FILL)
    fitted = [[_fit(pdf, value, width) for value, width in zip(values, widths, strict=True)]
              for values in rows]
    with pdf.table(col_widths=tuple(widths), width=sum(widths), align="LEFT",
                   text_align=tuple(align[: len(widths)]), headings_style=heading,
                   line_height=5, borders_layout="HORIZONTAL_LINES",
                   padding=(0.6, 1.2)) as table:
        for values in ([pdf.text_for(v) for v in header], *fitted):
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(1)


def _headline(pdf: _ReviewPdf, review: WeeklyReview) -> None:
    k = review.kpis
    rows = [
        ("Pipeline brut", format_eur(k.pipeline_gross),
         "Affaires", format_number(k.deals_total)),
        ("Pipeline pondéré", format_eur(k.pipeline_weighted),
         "En cours · gagnées · perdues",
         f"{format_number(k.deals_open)} · {format_number(k.deals_won)} · "
         f"{format_number(k.deals_lost)}"),
        ("Chiffre signé", format_eur(k.won_value),
         "Taux de réussite", format_percent(k.win_rate)),
        ("Panier moyen", format_eur(k.average_deal_size),
         "Taux de conversion", format_percent(k.conversion_rate)),
    ]  # fmt: skip
    _table(pdf, ("Indicateur", "Valeur", "Indicateur", "Valeur"), rows,
           (42, 42, 54, 42), align="LRLR")
    _paragraph(pdf, "Taux de réussite : gagnées ÷ (gagnées + perdues) ; taux de "
               "conversion : gagnées ÷ toutes les affaires.", size=7.5, color=MUTED)


def _period(pdf: _ReviewPdf, review: WeeklyReview) -> None:
    money = {"won_value", "pipeline_created"}
    rows = []
    for change in review.period.changes:
        fmt = (format_eur if change.metric in money
               else format_percent if change.metric == "win_rate" else format_number)
        if change.metric == "win_rate":
            delta = (MISSING if change.change is None
                     else f"{change.change * 100:+.1f} pts".replace(".", ","))
        else:
            delta = format_delta_percent(change.change_relative) or MISSING
        rows.append((PERIOD_LABELS[change.metric], fmt(change.current), fmt(change.previous),
                     delta))
    current, previous = review.period.current, review.period.previous
    header = ("Indicateur", f"{REVIEW_PERIOD_DAYS} derniers jours",
              f"{REVIEW_PERIOD_DAYS} jours précédents", "Évolution")
    _table(pdf, header, rows, (54, 42, 42, 42))
    _paragraph(pdf, f"Du {format_date(current.start)} au {format_date(current.end)}, "
               f"comparé au {format_date(previous.start)} – {format_date(previous.end)}. "
               "Gagnées et chiffre signé selon la date de clôture.", size=7.5, color=MUTED)


def forecast_sentence(review: WeeklyReview) -> str:
    """The worst case of the first window said in words (docs/definitions.md, "Prévisions")."""
    days = next(iter(review.forecast))
    return (
        f"9 chances sur 10 de signer au moins {format_eur(review.forecast[days].p10)} "
        f"d'ici {days} jours."
    )


def _forecast(pdf: _ReviewPdf, review: WeeklyReview) -> None:
    rows = [
        (f"D'ici {days} jours", format_number(window.deals), format_eur(window.p10),
         format_eur(window.expected), format_eur(window.p90))
        for days, window in review.forecast.items()
    ]
    _table(pdf, ("Horizon", "Affaires", "Pessimiste (P10)", "Le plus probable",
                 "Optimiste (P90)"), rows, (32, 22, 42, 42, 42))
    _paragraph(pdf, forecast_sentence(review), bold=True)
    _paragraph(pdf, "Affaires en cours dont la clôture prévue tombe dans la période, "
               "montant × probabilité ; les affaires en retard n'y figurent pas.",
               size=7.5, color=MUTED)


def _actions(pdf: _ReviewPdf, review: WeeklyReview) -> None:
    """The counts per rule (thresholds in force named), then the Actions prioritaires list
    in the page's order: one row per deal, its reasons, its score (docs/actions.md)."""
    counts = " · ".join(f"{a.title} : {a.count}" for a in review.actions)
    _paragraph(pdf, counts)
    if review.kpis.no_activity_data:
        _paragraph(pdf, f"{format_count(review.kpis.no_activity_data, 'affaire')} sans "
                   "aucune date d'activité (impossible de dire si elles sont froides).",
                   size=7.5, color=MUTED)
    ranked = review.ranked
    if ranked is None or ranked.empty:
        return
    shown = len(ranked)
    _ensure_space(pdf, 6 + 10 + 5.2 * shown)
    pdf.ln(1)
    _paragraph(pdf, f"À traiter en priorité — {shown} sur {review.ranked_count}", size=9,
               bold=True)
    rows = [
        (str(rank), _text(row["name"] if not is_missing(row["name"]) else row["company"]),
         format_eur(row["amount"]), _text(row["owner"]), ", ".join(row["tags"]),
         format_eur(row["score"]))
        for rank, (_, row) in enumerate(ranked.iterrows(), start=1)
    ]
    _table(pdf, ("N°", "Affaire", "Montant", "Commercial", "Raisons", "Score"), rows,
           (8, 58, 22, 28, 42, 22), align="RLRLLR")
    _paragraph(pdf, "Score = montant × probabilité × urgence ; urgence = 1 + 0,5 par raison "
               "en plus + échéance (1 si la clôture est dépassée, décroissant jusqu'à 0 à "
               "l'horizon), comme sur la page Actions prioritaires.", size=7.5, color=MUTED)


def _pipeline_and_sources(pdf: _ReviewPdf, review: WeeklyReview) -> None:
    _ensure_space(pdf, 12 + 6 * 7)
    _heading(pdf, "Pipeline par étape")
    rows = [(stage_label(r.stage), format_number(r.count), format_eur(r.gross),
             format_eur(r.weighted)) for r in review.stages.rows]
    _table(pdf, ("Étape", "Affaires", "Montant brut", "Montant pondéré"), rows,
           (50, 30, 50, 50))
    _charts(pdf, review)
    _ensure_space(pdf, 12 + 6 * (len(review.top_sources) + 2))
    _heading(pdf, "Meilleures sources (chiffre signé)")
    if not review.top_sources:
        _paragraph(pdf, "Aucune affaire gagnée parmi ces affaires.")
        return
    rows = [(_text(r.value), format_number(r.deals), format_number(r.won),
             format_percent(r.win_rate), format_eur(r.won_value))
            for r in review.top_sources]
    _table(pdf, ("Source", "Affaires", "Gagnées", "Taux de réussite", "Chiffre signé"),
           rows, (46, 22, 22, 46, 44))


def _filters(pdf: _ReviewPdf, review: WeeklyReview) -> None:
    """Which deals the figures cover: the filters in force, named."""
    if not review.filters:
        _paragraph(pdf, "Filtres : aucun (toutes les affaires de l'import).", size=8.5,
                   color=MUTED)
        return
    shown = " · ".join(f"{name} : {values}" for name, values in review.filters)
    _paragraph(pdf, f"Filtres : {shown}", size=8.5, color=MUTED)


def _charts(pdf: _ReviewPdf, review: WeeklyReview) -> None:
    """Pipeline by stage and the forecast band, side by side under the stage table."""
    stages = [(stage_label(r.stage), r.gross, r.weighted) for r in review.stages.rows]
    points = [("Aujourd'hui", 0.0, 0.0, 0.0)] + [
        (f"{days} j", w.p10, w.expected, w.p90) for days, w in review.forecast.items()]
    _ensure_space(pdf, 48)
    top, half = pdf.get_y() + 1, (pdf.epw - 8) / 2
    with pdf.local_context():  # the charts' colours and line widths stay in the charts
        if stages:
            pdf_charts.stage_bars(pdf, pdf.text_for, stages, x=pdf.l_margin, y=top, w=half,
                                  h=46)
        pdf_charts.forecast_band(pdf, pdf.text_for, points, x=pdf.l_margin + half + 8,
                                 y=top, w=half, h=46)
    pdf.set_y(top + 48)


def render_weekly_review(review: WeeklyReview, *, font_dir: Path = FONT_DIR) -> bytes:
    """The PDF bytes of `review` (A4, French)."""
    pdf = _ReviewPdf(font_dir)
    pdf.add_page()
    pdf.set_font(pdf.family, "B", 18)
    pdf.cell(0, 10, pdf.text_for(f"Revue hebdomadaire — {format_date(review.as_of)}"),
             new_x="LMARGIN", new_y="NEXT")
    subtitle = f"{format_count(review.kpis.deals_total, 'affaire')} après filtres"
    if review.import_label:
        subtitle = f"Import {review.import_label} · {subtitle}"
    _paragraph(pdf, subtitle, size=8.5, color=MUTED)
    _filters(pdf, review)

    _heading(pdf, "Chiffres clés")
    if review.currencies.excluded:
        _paragraph(pdf, currency_notice(review.currencies), size=8.5, color=MUTED)
    _headline(pdf, review)
    _heading(pdf, f"Les {REVIEW_PERIOD_DAYS} derniers jours")
    _period(pdf, review)
    _heading(pdf, "Prévision de signature")
    _forecast(pdf, review)
    _heading(pdf, "À traiter cette semaine")
    _actions(pdf, review)
    from utils.pdf_history import history_sections

    history_sections(pdf, review.history)
    pdf_objectives.objectives_section(pdf, review.objectives)
    _pipeline_and_sources(pdf, review)
    return bytes(pdf.output())
