"""The article-extraction benchmark's metric (bench/article_extraction.py), on texts of our own."""
import importlib.util

from kb.paths import PROJECT_ROOT

spec = importlib.util.spec_from_file_location("article_extraction", PROJECT_ROOT / "bench" / "article_extraction.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

TRUE = "The inspectors found that people waited too long for an assessment of their needs."


def test_shingles_are_counted_runs_of_four_word_tokens():
    assert bench.shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert bench.shingles("Too short!") == {("Too", "short"): 1}  # fewer than four tokens: one shingle
    assert bench.shingles("x y z w x y z w")[("x", "y", "z", "w")] == 2


def test_each_page_weighs_the_same_and_empty_output_costs_recall_only():
    perfect = bench.score([(TRUE, TRUE)])
    assert (perfect["f1"], perfect["precision"], perfect["recall"], perfect["accuracy"]) == (1.0, 1.0, 1.0, 1.0)
    # One exact page and one empty one: precision is the exact page's alone, recall the mean of 1 and 0.
    two = bench.score([(TRUE, TRUE), (TRUE, "")])
    assert (two["precision"], two["recall"]) == (1.0, 0.5)
    assert abs(two["f1"] - 2 * 1.0 * 0.5 / 1.5) < 1e-9
    # Extra furniture lowers precision, not recall; case is kept.
    noisy = bench.score([(TRUE, TRUE + " Share this page on social media now")])
    assert noisy["recall"] == 1.0 and 0.5 < noisy["precision"] < 1.0
    assert bench.score([(TRUE, TRUE.upper())])["f1"] == 0.0
