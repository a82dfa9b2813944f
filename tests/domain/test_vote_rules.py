"""The thresholds as shown (shares, for bars and captions) agree with the integer tests that decide."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, strategies as st

from desktop_app.domain.vote_rules import APPROVAL_SHARE, QUORUM_SHARE, Rule, approval_met, quorum_met


@given(st.sampled_from(list(Rule)), st.integers(0, 500), st.integers(1, 500))
def test_the_shown_shares_say_what_the_integer_tests_decide(rule, agreeing, participating):
    share = Fraction(agreeing, participating)
    expected = share >= APPROVAL_SHARE[rule] if rule is Rule.SPECIAL else share > APPROVAL_SHARE[rule]
    assert approval_met(rule, agreeing, participating) == expected
    assert quorum_met(agreeing, participating) == (share >= QUORUM_SHARE)
