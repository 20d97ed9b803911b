"""A hand-built week (as of D = 2026-11-26) whose review figures are computed by hand."""

from __future__ import annotations

from tests.metrics.frames import D, day, deals

__all__ = ["D", "WEEK", "day", "deals"]

WEEK = deals(
    # open, negotiation (0.7), closing in 10 days, active yesterday: a quick win
    {"name": "Alpha", "stage": "negotiation", "amount": 10_000, "source": "LinkedIn",
     "owner": "Alice", "created_date": day(-30), "expected_close_date": day(10),
     "last_activity_date": day(-1)},
    # open prospect created 5 days ago, never touched, close date passed: overdue + untreated
    {"name": "Bravo", "stage": "prospect", "amount": 1_000, "source": "Salon",
     "owner": "Bruno", "created_date": day(-5), "expected_close_date": day(-3)},
    # open qualified (0.3), last activity 20 days ago: cold
    {"name": "Charlie", "stage": "qualified", "amount": 4_000, "source": "Salon",
     "owner": "Alice", "created_date": day(-60), "expected_close_date": day(45),
     "last_activity_date": day(-20)},
    # won this week / won the week before / lost this week
    {"name": "Delta", "status": "won", "amount": 5_000, "source": "LinkedIn",
     "owner": "Alice", "created_date": day(-40), "closed_date": day(-3)},
    {"name": "Echo", "status": "won", "amount": 2_000, "source": "Salon",
     "owner": "Bruno", "created_date": day(-50), "closed_date": day(-10)},
    {"name": "Foxtrot", "status": "lost", "amount": 3_000, "source": "Site web",
     "owner": "Bruno", "created_date": day(-20), "closed_date": day(-2)},
)  # fmt: skip
