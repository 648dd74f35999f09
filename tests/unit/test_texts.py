"""French number formats as a reader expects them (typography and rounding)."""

import math

import numpy as np

from geo import texts

NB = texts.NBSP


def test_thousands_take_a_no_break_space():
    assert texts.fmt_int(933455) == f"933{NB}455"
    assert texts.fmt_dec(1234567.891, 2) == f"1{NB}234{NB}567,89"


def test_percent_has_a_decimal_comma_and_a_space():
    assert texts.fmt_pct(80) == f"80,0{NB}%"
    assert texts.fmt_pct(86.1) == f"86,1{NB}%"


def test_halves_round_up_as_a_reader_does():
    # Python's round() and format() round 7.25 to 7.2 and 2.5 to 2 (half to even).
    assert texts.fmt_dec(29 / 4) == "7,3"
    assert texts.fmt_int(2.5) == "3"
    assert texts.fmt_int(np.float64(12.5)) == "13"
    assert texts.fmt_dec(-2.25) == "-2,3"


def test_numpy_values_and_missing_values():
    assert texts.fmt_int(np.int64(39)) == "39"
    assert texts.fmt_dec(np.float64(7.25)) == "7,3"
    assert texts.fmt_int(None) == "–"
    assert texts.fmt_pct(math.nan) == "–"


def test_distances_in_metres_then_kilometres():
    assert texts.fmt_km(850) == f"850{NB}m"
    assert texts.fmt_km(3250) == f"3,3{NB}km"
