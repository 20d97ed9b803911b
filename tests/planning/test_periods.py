"""Calendar periods of the objectives (business_logic/planning/periods.py)."""

import datetime as dt

import pytest

from business_logic.planning.periods import parse_month, period_of

D = dt.date


@pytest.mark.parametrize(
    ("kind", "day", "label", "start", "end"),
    [
        ("month", D(2026, 11, 26), "2026-11", D(2026, 11, 1), D(2026, 11, 30)),
        ("month", D(2028, 2, 10), "2028-02", D(2028, 2, 1), D(2028, 2, 29)),
        ("quarter", D(2026, 11, 26), "2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ("quarter", D(2026, 1, 1), "2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
        ("quarter", D(2026, 6, 30), "2026-Q2", D(2026, 4, 1), D(2026, 6, 30)),
        ("year", D(2026, 11, 26), "2026", D(2026, 1, 1), D(2026, 12, 31)),
    ],
)
def test_period_containing_a_day(kind, day, label, start, end):
    period = period_of(kind, day)
    assert (period.label, period.start, period.end) == (label, start, end)


@pytest.mark.parametrize(
    ("day", "days_left", "weeks_left"),
    [
        (D(2026, 11, 26), 4, 1),
        (D(2026, 11, 30), 0, 1),
        (D(2026, 11, 1), 29, 5),
        (D(2026, 11, 16), 14, 2),
    ],
)
def test_days_and_weeks_left_in_the_month(day, days_left, weeks_left):
    period = period_of("month", day)
    assert (period.days_left(day), period.weeks_left(day)) == (days_left, weeks_left)


def test_quarter_months_are_its_three_first_days():
    assert period_of("quarter", D(2026, 11, 26)).months == [D(2026, 10, 1), D(2026, 11, 1),
                                                             D(2026, 12, 1)]


@pytest.mark.parametrize("text", ["2026-13", "2026", "novembre", "2026-11-05", ""])
def test_parse_month_refuses_in_french(text):
    with pytest.raises(ValueError, match="mois invalide"):
        parse_month(text)


def test_parse_month_reads_year_and_month():
    assert parse_month(" 2026-12 ") == D(2026, 12, 1)


@pytest.mark.parametrize(
    ("probability", "words"),
    [(0.0, "aucune chance"), (0.03, "moins d'1 chance sur 10"), (0.1, "1 chance sur 10"),
     (0.66, "7 chances sur 10"), (0.96, "plus de 9 chances sur 10"), (1.0, "certain")],
)
def test_probability_in_words(probability, words):
    from business_logic.planning.wording import chances_in_ten

    assert chances_in_ten(probability) == words


@pytest.mark.parametrize(
    ("kind", "name"),
    [("month", "novembre 2026"), ("quarter", "4e trimestre 2026"), ("year", "l'année 2026")],
)
def test_period_names_in_french(kind, name):
    from business_logic.planning.wording import period_name

    assert period_name(period_of(kind, D(2026, 11, 26))) == name
