"""Pace to target and projection (geo.indicators), on small hand-made series."""

import datetime as dt
import math

import pytest

from geo import indicators as ind

D = dt.date


def test_years_between_counts_calendar_months():
    assert ind.years_between(D(2023, 12, 1), D(2026, 12, 1)) == 3.0
    assert ind.years_between(D(2023, 12, 1), D(2027, 12, 1)) == 4.0
    assert ind.years_between(D(2022, 12, 1), D(2024, 5, 1)) == pytest.approx(17 / 12)


def test_add_years_lands_on_a_month_stamp():
    assert ind.add_years(D(2023, 12, 1), 0.5) == D(2024, 6, 1)
    assert ind.add_years(D(2023, 12, 1), 29 / 3) == D(2033, 8, 1)


def test_required_pace_is_the_straight_line_to_the_target():
    assert ind.required_pace(2501, D(2023, 12, 1), 4000, D(2026, 12, 1)) == pytest.approx(1499 / 3)
    assert ind.required_pace(39, D(2023, 12, 1), 68, D(2026, 12, 1)) == pytest.approx(29 / 3)
    # already reached: nothing more is needed; target date past: undefined
    assert ind.required_pace(8, D(2023, 12, 1), 7, D(2026, 12, 1)) == 0.0
    assert math.isnan(ind.required_pace(5, D(2027, 1, 1), 7, D(2026, 12, 1)))


def test_observed_pace_uses_the_last_two_years():
    dates = [D(2019, 12, 1), D(2020, 12, 1), D(2021, 12, 1), D(2022, 12, 1), D(2023, 12, 1)]
    pace = ind.observed_pace(dates, [1547, 1740, 2018, 2251, 2501])
    assert (pace.start_date, pace.start_value, pace.end_value) == (D(2021, 12, 1), 2018, 2501)
    assert pace.per_year == pytest.approx(241.5)


def test_observed_pace_starts_at_the_first_point_inside_the_window():
    # no point exactly two years before: the window starts at the next one (2022-09), 20 months before
    dates = [D(2022, 9, 1), D(2023, 10, 1), D(2023, 12, 1), D(2024, 5, 1)]
    pace = ind.observed_pace(dates, [68, 80, 84, 86.1])
    assert pace.start_date == D(2022, 9, 1)
    assert pace.per_year == pytest.approx((86.1 - 68) / (20 / 12))


def test_observed_pace_with_a_gap_longer_than_the_window_uses_the_previous_point():
    pace = ind.observed_pace([D(2018, 12, 1), D(2023, 12, 1)], [10, 20])
    assert pace.per_year == pytest.approx(2.0)


def test_observed_pace_needs_two_points_and_ignores_missing_values():
    assert ind.observed_pace([D(2023, 12, 1)], [5]) is None
    assert ind.observed_pace([D(2022, 12, 1), D(2023, 12, 1)], [float("nan"), 5]) is None


def test_projected_date():
    assert ind.projected_date(39, D(2023, 12, 1), 3.0, 68) == D(2033, 8, 1)
    assert ind.projected_date(2501, D(2023, 12, 1), 241.5, 4000) == D(2030, 2, 1)
    # already reached: the date of the last value
    assert ind.projected_date(8, D(2023, 12, 1), 1.0, 7) == D(2023, 12, 1)
    # flat, falling or unknown pace: never
    assert ind.projected_date(6, D(2023, 12, 1), 0.0, 7) is None
    assert ind.projected_date(3, D(2023, 12, 1), -0.5, 8) is None
    assert ind.projected_date(3, D(2023, 12, 1), float("nan"), 8) is None


def test_reached_within_the_horizon():
    assert ind.reached_within(D(2030, 2, 1)) == 2030
    assert ind.reached_within(D(2031, 1, 1)) is None
    assert ind.reached_within(None) is None
    assert ind.HORIZON_YEAR == 2030


def test_progress_rate_follows_the_barometre_rule():
    assert ind.progress_rate(2251, 2501, 4000) == 14.29
    assert ind.progress_rate(38, 39, 68) == 3.33
    assert ind.progress_rate(15, 23, 19) == 100.0  # beyond the target: capped
    assert ind.progress_rate(95.67, 95.62, 100) == 0.0  # below the start: floored
    assert ind.progress_rate(100, 99, 100) == 0.0  # target = initial value, not held
    assert ind.progress_rate(100, 100, 100) == 100.0
    assert math.isnan(ind.progress_rate(float("nan"), 1, 2))


def test_expected_rate_is_the_share_of_time_elapsed():
    assert ind.expected_rate(D(2022, 12, 1), D(2023, 12, 1), D(2026, 12, 1)) == pytest.approx(25.0)
    assert ind.expected_rate(D(2022, 12, 1), D(2027, 12, 1), D(2026, 12, 1)) == 100.0
