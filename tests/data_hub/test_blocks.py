"""The contract the reports rely on: blocks.resolve(spec) -> DataBlock, or BlockError with a clear message."""

import dataclasses

import pytest
from django.utils import translation

from data_hub.blocks import BlockError, DataBlock, resolve

pytestmark = pytest.mark.django_db


def test_stock_by_sex_for_the_arab_region(real_releases):
    block = resolve({"kind": "stock_by_sex", "place": "ARAB", "years": [2010, 2019]})
    assert isinstance(block, DataBlock)
    assert {f.name for f in dataclasses.fields(DataBlock)} >= {"title", "columns", "rows", "svg", "citation"}
    assert block.title == "International migrant stock by sex, Arab region"
    assert block.columns == ["Year", "Both sexes", "Male", "Female"]
    assert block.rows == [[2010, 28734441, 19400481, 9333960], [2019, 40390791, 27052376, 13338415]]
    assert block.citation == real_releases["stock"].citation
    assert block.svg.startswith("<svg") and "<title" in block.svg and "<desc" in block.svg
    assert "font-family=\"'Noto Sans', 'Noto Sans Arabic', sans-serif\"" in block.svg
    assert block.formatted_rows()[0] == ["2010", "28,734,441", "19,400,481", "9,333,960"]
    # The chart names its source on its own too (publisher and revision; the table gives the full citation).
    assert "Source: United Nations, Department of Economic and Social Affairs, Population Division, POP/DB" in block.svg


@pytest.mark.parametrize("group", ["MAGHREB", "MASHREQ", "GCC", "ARAB_LDC"])
def test_every_reference_group_resolves(real_releases, group):
    assert len(resolve({"kind": "stock_by_sex", "place": group}).rows) == 7


def test_female_share_and_top_origins(real_releases):
    share = resolve({"kind": "female_share", "place": "arab", "years": [2019]})
    assert share.rows == [[2019, 33.0]]
    top = resolve({"kind": "top_origins", "place": "GCC", "limit": 3, "release": real_releases["od"].pk})
    assert top.columns == ["Country of origin", "Migrants", "Share of all (%)"]
    assert [row[0] for row in top.rows] == ["India", "Bangladesh", "Pakistan"]
    assert "2019" in top.title and top.citation == real_releases["od"].citation


def test_labels_follow_the_active_language(real_releases):
    with translation.override("ar"):
        block = resolve({"kind": "stock_by_sex", "place": "JOR", "years": [2019]})
    assert "الأردن" in block.title
    assert block.svg.count("<text") > 5


@pytest.mark.parametrize("spec,message", [
    ({"kind": "pie", "place": "ARAB"}, "Unknown kind of block “pie”"),
    ({"kind": "stock_by_sex", "place": "ATLANTIS"}, "Unknown place “ATLANTIS”"),
    ({"kind": "stock_by_sex"}, "names no place"),
    ({"kind": "stock_by_sex", "place": "ARAB", "release": 999999}, "does not exist (it may have been deleted)"),
    ({"kind": "stock_by_sex", "place": "ARAB", "years": [1900]}, "no figures"),
    ({"kind": "stock_by_sex", "place": "ARAB", "years": "2019"}, "must be a list of years"),
    ({"kind": "top_origins", "place": "ARAB", "limit": "ten"}, "whole number"),
])
def test_specs_that_cannot_be_resolved_say_why(real_releases, spec, message):
    with pytest.raises(BlockError, match=message.replace("(", r"\(").replace(")", r"\)")):
        resolve(spec)


def test_a_release_without_the_indicator_is_refused(real_releases):
    with pytest.raises(BlockError, match="holds no figures of"):
        resolve({"kind": "top_origins", "place": "ARAB", "release": real_releases["stock"].pk})


def test_a_table_wider_than_four_columns_goes_under_its_chart():
    """Issue 19: beside the chart, the emigrants' five columns were cut off (in Arabic, on the left)."""
    from data_hub.blocks import DataBlock

    narrow = DataBlock(title="t", columns=["Year", "Both sexes", "Male", "Female"], rows=[], svg="", citation="c")
    wide = DataBlock(title="t", columns=["Year", "All", "Inside", "Outside", "Share inside (%)"], rows=[], svg="",
                     citation="c")
    assert narrow.fits_beside_chart and not wide.fits_beside_chart
