"""The demo export: seeded, French Excel style, and imported by the normal import path."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from business_logic import importing
from business_logic.demo import demo_export

AS_OF = dt.date(2026, 11, 26)


def test_demo_is_deterministic_and_french_excel_style():
    data = demo_export(AS_OF)
    assert data == demo_export(AS_OF)
    assert data != demo_export(AS_OF, seed=7)
    text = data.decode("cp1252")
    header = text.splitlines()[0]
    assert header.split(";")[:4] == ["ID", "Affaire", "Entreprise", "Étape"]
    assert "\u00a0" in text and " €" in text and "/2026" in text
    assert len(text.splitlines()) == 301


def test_demo_imports_cleanly_with_every_field_recognised():
    result = importing.import_bytes(demo_export(AS_OF, 500), "demo.csv")
    report = result.report
    assert (report.rows_read, report.rows_imported, report.rows_rejected) == (500, 500, 0)
    assert "ignore" not in report.detected["columns"].values()
    deals = result.deals
    assert set(deals["status"]) == {"open", "won", "lost"}
    assert deals["created_date"].max().date() <= AS_OF
    assert {"LinkedIn", "Site web", "Salon", "Recommandation"} <= set(deals["source"])
    open_share = (deals["status"] == "open").mean()
    assert 0.2 < open_share < 0.5


def test_demo_closes_deals_as_often_lately_as_earlier_in_the_year():
    """A stationary CRM: the last 60 days close about as many deals as any 60 days of the
    year (the old generator closed a deal by its age at the export: 40 % fewer lately, and
    a pile of closes on the export date itself)."""
    deals = importing.import_bytes(demo_export(AS_OF, 1000), "demo.csv").deals
    closed = deals.loc[deals["status"] != "open", "closed_date"]
    days_ago = (pd.Timestamp(AS_OF) - closed).dt.days
    earlier = ((days_ago >= 120) & (days_ago < 300)).sum() / 3  # per 60 days
    assert (days_ago < 60).sum() >= 0.85 * earlier
    assert (days_ago == 0).sum() <= 10


def test_demo_history_keeps_the_creation_rate_of_the_first_export():
    from business_logic.demo_history import demo_history

    snapshots = demo_history(AS_OF)
    first = importing.import_bytes(snapshots[0].data, "a.csv").deals
    last = importing.import_bytes(snapshots[-1].data, "b.csv").deals
    weeks = len(snapshots) - 1
    new_per_week = (len(last) - len(first)) / weeks  # deletions are rare (0.4 % a week)
    yearly_rate = len(first) / 52
    assert 0.75 * yearly_rate <= new_per_week <= 1.25 * yearly_rate  # was 9 ± 3 for 5.8


def test_demo_history_closes_deals_on_the_day_their_fate_says():
    """The weeks after the first export continue the same CRM: an open deal is won or lost
    when and as demo_export drew it (the old history won 7 % of late-stage deals a week
    whatever their fate)."""
    from business_logic.demo import demo_fates
    from business_logic.demo_history import demo_history

    snapshots = demo_history(AS_OF)
    first_day = snapshots[0].exported_on
    first = importing.import_bytes(snapshots[0].data, "a.csv").deals
    last = importing.import_bytes(snapshots[-1].data, "b.csv").deals
    fates = dict(zip(first["deal_id"], demo_fates(first_day, len(first)), strict=True))
    closed_later = last[last["deal_id"].isin(first.loc[first["status"] == "open", "deal_id"])
                        & (last["status"] != "open")]
    assert len(closed_later) >= 5
    for deal in closed_later.itertuples():
        day, outcome = fates[deal.deal_id]
        assert deal.status == outcome
        assert day <= deal.closed_date.date() <= day + dt.timedelta(days=6)
