"""Counts written in words: ``extract.numbers.words_value`` over ``cases/numbers.json``."""

from __future__ import annotations

import pytest

from _casetable import case_params
from baocao_parser.extract.numbers import digits_value, is_number_word, words_value


@pytest.mark.parametrize("case", case_params("numbers.json"))
def test_words_value(case):
    assert words_value(case["input"].split()) == case["expected"]


@pytest.mark.parametrize("token,expected", [
    ("03", 3), ("6", 6), ("12", 12), ("1.200", 1200), ("210", 210), ("1.2", None), ("12/2023", None), ("abc", None),
])
def test_digits_value(token, expected):
    assert digits_value(token) == expected


@pytest.mark.parametrize("word", ["hai", "Mười", "mươi", "mốt", "lăm", "trăm", "linh", "lẻ", "tư"])
def test_is_number_word(word):
    assert is_number_word(word)


@pytest.mark.parametrize("word", ["hội", "nghị", "buổi", "03", ""])
def test_is_not_number_word(word):
    assert not is_number_word(word)
