import pytest

from enrich.money import describe, find_money


@pytest.mark.parametrize("text, amounts", [
    ("spent £99 million on it", [99_000_000]),
    ("spent £99m on it", [99_000_000]),
    ("savings of £0.3M against a plan of over £10M", [300_000, 10_000_000]),
    ("a £1.2bn budget", [1_200_000_000]),
    ("paid £63,000 a year", [63_000]),
    ("£18.76 an hour", [18.76]),
    ("between £5-10m", [5_000_000, 10_000_000]),
    ("£99m to 2024", [99_000_000]),
    ("99 million dollars and 5%", []),
])
def test_amounts_are_normalised_to_pounds(text, amounts):
    assert [m.amount_gbp for m in find_money(text)] == pytest.approx(amounts)


def test_measure_and_period_come_from_the_sentence():
    sentence = "The total spend on the programme has been £99 million from inception in July 2019 to date."
    measure, period = describe(sentence)
    assert measure == "spend"
    assert period == "from inception in July 2019 to date"
    assert describe("Savings of £0.3M were made.")[0] == "saving"


def test_absurd_amounts_are_not_figures():
    assert find_money("It cost £" + "9" * 400 + "bn, or £5m.")[-1].amount_gbp == 5_000_000
    assert [m.amount_gbp for m in find_money("£" + "9" * 400)] == []
