"""The synergy finder: constructed overlapping and non-overlapping pairs, ranked as documented."""

import datetime

import pytest

from programmes import finder
from programmes.finder import Item

D = datetime.date
TODAY = D(2026, 1, 1)
START, END = D(2025, 1, 1), D(2026, 12, 31)


def item(pk, agencies, countries, themes, start=START, end=END):
    return Item(id=pk, agencies=frozenset(agencies), countries=tuple(countries), themes=tuple(themes),
                starts_on=start, ends_on=end)


def keys(ranking):
    return [pair.key for pair in ranking[:len(ranking)]]


def test_identical_activities_of_two_agencies_score_100():
    ranking = finder.rank([item(1, {10}, ["JOR"], ["labour"]), item(2, {20}, ["JOR"], ["labour"])], today=TODAY)
    assert keys(ranking) == [(1, 2)]
    assert ranking[0].score == 100.0
    assert ranking[0].countries == ("JOR",) and ranking[0].themes == ("labour",)
    assert (ranking[0].overlap_from, ranking[0].overlap_to) == (D(2025, 1, 1), D(2026, 12, 31))


def test_score_follows_the_documented_formula():
    # countries 1 of 3 in common, themes 1 of 2, the shorter activity (1 year) half inside the other.
    a = item(1, {10}, ["JOR", "LBN"], ["labour"], D(2025, 1, 1), D(2025, 12, 31))
    b = item(2, {20}, ["JOR", "EGY"], ["labour", "rights"], D(2025, 7, 2), D(2027, 12, 31))
    pair = finder.rank([a, b], today=TODAY)[0]
    overlap = (D(2025, 12, 31) - D(2025, 7, 2)).days + 1
    expected = 100 * (0.5 * 1 / 3 + 0.5 * 1 / 2) * overlap / 365
    assert pair.score == pytest.approx(round(expected, 1))


@pytest.mark.parametrize("other", [
    item(2, {20}, ["EGY"], ["labour"]),  # no common country
    item(2, {20}, ["JOR"], ["health"]),  # no common theme
    item(2, {20}, ["JOR"], ["labour"], D(2027, 1, 1), D(2027, 12, 31)),  # no common time
])
def test_activities_that_do_not_overlap_in_every_dimension_are_not_paired(other):
    assert len(finder.rank([item(1, {10}, ["JOR"], ["labour"]), other], today=TODAY)) == 0


def test_an_agency_is_never_paired_with_itself():
    same_lead = [item(1, {10}, ["JOR"], ["labour"]), item(2, {10}, ["JOR"], ["labour"])]
    assert len(finder.rank(same_lead, today=TODAY)) == 0
    # A joint programme is not paired with another activity of one of its agencies either.
    joint = [item(1, {10, 20}, ["JOR"], ["labour"]), item(2, {20}, ["JOR"], ["labour"])]
    assert len(finder.rank(joint, today=TODAY)) == 0


def test_ranking_orders_by_score_then_ids():
    items = [
        item(1, {1}, ["JOR"], ["labour"]),
        item(2, {2}, ["JOR", "LBN"], ["labour"]),          # with 1: 0.5*1/2 + 0.5*1 = 75
        item(3, {3}, ["JOR"], ["labour"]),                 # with 1: 100
        item(4, {4}, ["EGY"], ["health"]),                 # pairs with nobody
        item(5, {1}, ["JOR"], ["labour"]),                 # same agency as 1: never with 1
    ]
    ranking = finder.rank(items, today=TODAY)
    pairs = ranking[:len(ranking)]
    scores = [p.score for p in pairs]
    assert scores == sorted(scores, reverse=True)
    assert pairs[0].key == (1, 3) and pairs[0].score == 100.0
    assert (1, 5) not in keys(ranking)
    assert all(4 not in key for key in keys(ranking))
    for pair in pairs:
        agencies = {i.id: i.agencies for i in items}
        assert not agencies[pair.a] & agencies[pair.b]


def test_open_ended_activity_runs_a_year_beyond_today():
    open_ended = item(1, {1}, ["JOR"], ["labour"], D(2020, 1, 1), None)
    later = item(2, {2}, ["JOR"], ["labour"], D(2026, 6, 1), D(2026, 12, 31))
    too_late = item(3, {3}, ["JOR"], ["labour"], D(2027, 2, 1), D(2027, 12, 31))
    ranking = finder.rank([open_ended, later, too_late], today=TODAY)
    assert (1, 2) in keys(ranking)
    assert (1, 3) not in keys(ranking)


def test_reviewed_pairs_can_be_filtered_out_and_scores_thresholded():
    items = [item(1, {1}, ["JOR"], ["labour"]), item(2, {2}, ["JOR"], ["labour"]),
             item(3, {3}, ["JOR", "LBN"], ["labour", "rights"])]
    ranking = finder.rank(items, today=TODAY)
    mask = ranking.reviewed_mask([(1, 2)])
    assert keys(ranking.where(~mask)) == [(1, 3), (2, 3)]
    assert keys(ranking.where(mask)) == [(1, 2)]
    assert keys(ranking.at_least(99)) == [(1, 2)]


def test_many_agencies_beyond_one_machine_word():
    items = [item(k, {k}, ["JOR"], ["labour"]) for k in range(1, 80)] + [item(200, set(range(1, 80)), ["JOR"],
                                                                             ["labour"])]
    ranking = finder.rank(items, today=TODAY)
    assert all(200 not in key for key in keys(ranking))
    assert len(ranking) == 79 * 78 // 2


def test_describe_says_why_in_words():
    a = item(1, {1}, ["JOR", "LBN"], ["labour"], D(2026, 3, 1), D(2027, 12, 31))
    b = item(2, {2}, ["JOR", "LBN", "EGY"], ["labour"], D(2025, 1, 1), D(2028, 1, 1))
    text = finder.describe(finder.rank([a, b], today=TODAY)[0])
    assert text == ("both in Jordan and Lebanon, both on labour migration and decent work, "
                    "overlapping Mar 2026 – Dec 2027")


def test_fewer_than_two_items():
    assert len(finder.rank([], today=TODAY)) == 0
    assert len(finder.rank([item(1, {1}, ["JOR"], ["labour"])], today=TODAY)) == 0
