"""Party age with and without interruptions, and the badge a member is due on an occasion."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.db.database import Database
from desktop.models.badge_rules import BadgeRules, badge_due, latest_anchor_bound, occasions_after
from desktop.models.party_age import (
    CEREMONY_DATE,
    DECISION_DATE,
    Gap,
    PartyAge,
    party_age,
    party_age_anchor,
    reached_on,
)
from desktop.models.rules import RuleBook

D = dt.date


@pytest.fixture
def rules(database: Database) -> RuleBook:
    with database.reading() as session:
        return RuleBook.load(session)


def test_party_age_without_gaps_counts_whole_years_and_months() -> None:
    assert party_age(D(1990, 5, 19), [], D(2020, 5, 18)) == PartyAge(29, 11)
    assert party_age(D(1990, 5, 19), [], D(2020, 5, 19)) == PartyAge(30, 0)
    assert party_age(D(1990, 5, 19), [], D(1990, 5, 1)) == PartyAge(0, 0)
    assert reached_on(D(1990, 5, 19), [], 30) == D(2020, 5, 19)


def test_a_gap_moves_every_later_milestone_by_its_length() -> None:
    gap = Gap(D(2000, 1, 1), D(2000, 1, 10))  # ten days not counted
    assert reached_on(D(1990, 5, 19), [gap], 30) == D(2020, 5, 29)
    assert party_age(D(1990, 5, 19), [gap], D(2020, 5, 28)) == PartyAge(29, 11)
    assert party_age(D(1990, 5, 19), [gap], D(2020, 5, 29)) == PartyAge(30, 0)
    # A gap after the milestone does not move it.
    assert reached_on(D(1990, 5, 19), [Gap(D(2021, 1, 1), D(2022, 1, 1))], 30) == D(2020, 5, 19)


def test_two_gaps_add_up_including_one_reached_only_after_the_shift() -> None:
    gaps = [Gap(D(2019, 1, 1), D(2019, 12, 31)), Gap(D(2020, 6, 1), D(2020, 6, 30))]
    # 30 years would be 19/05/2020; the first gap (365 days) moves it past 01/06/2020,
    # so the second gap (30 days) counts too.
    assert reached_on(D(1990, 5, 19), gaps, 30) == D(2020, 5, 19) + dt.timedelta(days=365 + 30)


def test_both_anchors() -> None:
    assert party_age_anchor(D(1990, 5, 2), D(1990, 5, 19), DECISION_DATE) == D(1990, 5, 2)
    assert party_age_anchor(None, D(1990, 5, 19), DECISION_DATE) == D(1990, 5, 19)
    assert party_age_anchor(D(1990, 5, 2), D(1990, 5, 19), CEREMONY_DATE) == D(1990, 5, 19)
    with pytest.raises(ValueError):
        party_age_anchor(D(1990, 5, 2), D(1990, 5, 19), "OTHER")


def test_admitted_on_29_february() -> None:
    assert reached_on(D(1996, 2, 29), [], 30) == D(2026, 2, 28)
    assert reached_on(D(1996, 2, 29), [], 28) == D(2024, 2, 29)
    assert party_age(D(1996, 2, 29), [], D(2026, 2, 27)) == PartyAge(29, 11)
    assert party_age(D(1996, 2, 29), [], D(2026, 2, 28)) == PartyAge(30, 0)
    # The SQL bound keeps such a member among the candidates.
    assert D(1996, 2, 29) <= latest_anchor_bound(D(2026, 2, 28), 30, 0)


def test_milestone_reached_on_the_occasion_is_due_a_day_after_is_not(rules: RuleBook) -> None:
    badge_rules = BadgeRules.on(rules, D(2026, 9, 2))
    occasion = D(2026, 9, 2)
    due = badge_due(D(1996, 9, 2), [], occasion, 0, False, badge_rules)
    assert due is not None and (due.milestone, due.reached_on, due.early) == (30, D(2026, 9, 2), False)
    assert badge_due(D(1996, 9, 3), [], occasion, 0, False, badge_rules) is None


def test_the_highest_milestone_reached_above_the_awarded_one_is_due(rules: RuleBook) -> None:
    badge_rules = BadgeRules.on(rules, D(2026, 9, 2))
    due = badge_due(D(1980, 1, 1), [], D(2026, 9, 2), 0, False, badge_rules)
    assert due is not None and due.milestone == 45
    assert badge_due(D(1980, 1, 1), [], D(2026, 9, 2), 45, False, badge_rules) is None
    due = badge_due(D(1980, 1, 1), [], D(2026, 9, 2), 40, False, badge_rules)
    assert due is not None and due.milestone == 45


def test_seriously_ill_members_early_by_12_months_up_to_65_and_24_from_70(rules: RuleBook) -> None:
    badge_rules = BadgeRules.on(rules, D(2026, 9, 2))
    occasion = D(2026, 9, 2)
    # 65 years reached 11 months after the occasion: early for an ill member only.
    anchor_65 = D(1962, 8, 2)
    due = badge_due(anchor_65, [], occasion, 60, True, badge_rules)
    assert due is not None and (due.milestone, due.early) == (65, True)
    assert badge_due(anchor_65, [], occasion, 60, False, badge_rules) is None
    # 65 years 13 months after: too far even when ill.
    assert badge_due(D(1962, 10, 2), [], occasion, 60, True, badge_rules) is None
    # 70 years reached 23 months after the occasion: within the 24 months of R-BADGE-2.
    due = badge_due(D(1958, 8, 2), [], occasion, 65, True, badge_rules)
    assert due is not None and (due.milestone, due.early) == (70, True)
    assert badge_due(D(1958, 10, 2), [], occasion, 65, True, badge_rules) is None
    assert badge_rules.months_early(65) == 12 and badge_rules.months_early(70) == 24


def test_next_occasions_come_from_the_rule(rules: RuleBook) -> None:
    assert occasions_after(D(2026, 12, 2), rules, 4) == [D(2027, 2, 3), D(2027, 5, 19), D(2027, 9, 2), D(2027, 11, 7)]
    assert occasions_after(D(2026, 9, 2), rules, 2) == [D(2026, 9, 2), D(2026, 11, 7)]
