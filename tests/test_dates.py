from datetime import date

import pytest

from enrich.dates import find_dates

PUBLISHED = date(2025, 3, 27)


@pytest.mark.parametrize("text, tense, expected", [
    ("The report was published on 15 October 2024.", "past", "2024-10-15"),
    ("It was published on October 15, 2024.", "past", "2024-10-15"),
    ("Inspections were due to start in April 2024.", "past", "2024-04"),
    ("The CQC said today (26 March) that it would pause.", "past", "2025-03-26"),
    ("It was delayed again in May.", "past", "2024-05"),          # May after March: last year's
    ("He will step down at the end of June.", "future", "2025-06"),
    ("She joined at the end of last year.", "past", "2024-12"),
    ("Ministers launched the review last month.", "past", "2025-02"),
    ("It starts next month.", "future", "2025-04"),
    ("He joined the regulator in 2018.", "past", "2018"),
    ("She resigns at the end of this financial year.", "future", "2025-03"),
    ("It happened yesterday.", "past", "2025-03-26"),
    ("On Monday the government published the review.", "past", "2025-03-24"),   # 27 March 2025 is a Thursday
    ("On Thursday the board met.", "past", "2025-03-27"),
    ("She will start on Tuesday.", "future", "2025-04-01"),
    ("It closed last Thursday.", "past", "2025-03-20"),
    ("She will retire at the end of the year.", "future", "2025-12"),
    ("He leaves at the end of next year.", "future", "2026-12"),
    ("She is due to retire in the summer.", "future", "2025"),       # a season tells the year, not the month
    ("The post was filled in autumn 2023.", "past", "2023"),
    ("He left last winter.", "past", "2024"),
])
def test_dates_resolve_against_the_publication_date(text, tense, expected):
    found = find_dates(text, PUBLISHED, tense)
    assert [d.value for d in found] == [expected]


def test_relative_dates_need_a_publication_date():
    assert find_dates("It was paused last month.", None, "past") == []
    assert [d.value for d in find_dates("It was paused in March 2024.", None, "past")] == ["2024-03"]


def test_may_the_verb_is_not_a_month():
    assert find_dates("Assessments may be delayed.", PUBLISHED, "future") == []


def test_year_ranges_keep_both_ends():
    (found,) = find_dates("Medical director (2020-2024)", PUBLISHED)
    assert (found.value, found.end_value) == ("2020", "2024")
