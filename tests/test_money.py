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


# The measure is decided by the money words nearest the amount (linked to it, else in its clause, else anywhere
# in the sentence), not by whichever measure happens to be listed first.
@pytest.mark.parametrize("sentence, money_text, measure", [
    # a passive verb after the amount wins over a saving mentioned elsewhere
    ("Ministers hoped for big savings, yet £99m was spent on consultants alone.", "£99m", "spend"),
    ("The trust expects savings once £99m has been spent on the new wards.", "£99m", "spend"),
    # pay for a post is a salary, whatever the word
    ("The chair of the board is paid £63,000.", "£63,000", "salary"),
    ("Her remuneration as chair comes to £63,000.", "£63,000", "salary"),
    ("Fees for a chair of the trust were set at £63,000.", "£63,000", "salary"),
    ("Each non-executive director receives a fee of £12,500.", "£12,500", "salary"),
    # money coming in
    ("The regulator's income from registration fees was £250m.", "£250m", "income"),
    ("Fees charged to care providers brought in £40m.", "£40m", "income"),
    ("Fees paid by providers to the regulator rose to £300m.", "£300m", "income"),
    ("Revenue from the new licensing scheme reached £12m.", "£12m", "income"),
    # a compound ends in its head noun
    ("Board papers show a £256m revenue budget, with savings still to find.", "£256m", "budget"),
    ("Capital funding for 2023-24 totalled £18m.", "£18m", "funding"),
])
def test_measure_is_the_money_word_nearest_the_amount(sentence, money_text, measure):
    assert describe(sentence, money_text)[0] == measure


@pytest.mark.parametrize("sentence, measures", [
    ("A budget of £10m was set, of which £2m was saved.", {"£10m": "budget", "£2m": "saving"}),
    ("The trust spent £30m on agency staff and saved £4m by cutting overtime.", {"£30m": "spend", "£4m": "saving"}),
    ("Funding of £12m was granted, while fines of £1.5m were imposed.", {"£12m": "funding", "£1.5m": "fine"}),
    ("Its chief executive earns a salary of £190,000 and oversees a budget of £2bn.",
     {"£190,000": "salary", "£2bn": "budget"}),
])
def test_each_amount_in_a_sentence_gets_its_own_measure(sentence, measures):
    assert {text: describe(sentence, text)[0] for text in measures} == measures


def test_a_repeated_amount_is_told_apart_by_its_position():
    sentence = "Last year £2m was spent and £2m was saved."
    second = sentence.rindex("£2m")
    assert describe(sentence, "£2m", sentence.index("£2m"))[0] == "spend"
    assert describe(sentence, "£2m", second)[0] == "saving"


@pytest.mark.parametrize("sentence, money_text, period", [
    ("The trust's revenue budget for 2024/25 is £256m.", "£256m", "2024/25"),
    ("Capital funding for 2023-24 totalled £18m.", "£18m", "2023-24"),
    ("A total of £4m was invested in 2023.", "£4m", "in 2023"),
    ("The board spent £7m from April 2020 to March 2023.", "£7m", "from April 2020 to March 2023"),
    ("Since April 2021 the trust has spent £3m on locums.", "£3m", "Since April 2021"),
    ("The post is paid £63,000 a year.", "£63,000", "a year"),
    ("Licences cost £150 per annum.", "£150", "per annum"),
    ("Annual running costs are £2m.", "£2m", "Annual"),
    ("The scheme will save £9m over the next five years.", "£9m", "over the next five years"),
    # the period nearest the amount, not the first in the sentence
    ("In 2022 the budget was £5m, and £6m was budgeted for 2024/25.", "£6m", "2024/25"),
    ("In 2022 the budget was £5m, and £6m was budgeted for 2024/25.", "£5m", "In 2022"),
    # 'a year ago' says when, not how often
    ("The £5m was set aside a year ago.", "£5m", None),
])
def test_period_is_the_one_nearest_the_amount(sentence, money_text, period):
    assert describe(sentence, money_text)[1] == period


def test_the_measure_vocabulary_is_a_data_file():
    from enrich.money import _vocabulary
    measure_of = _vocabulary()[0]
    assert set(measure_of.values()) == {"spend", "saving", "budget", "salary", "funding", "fine", "income"}
    assert measure_of["remuneration"] == "salary" and measure_of["revenue"] == "income"
