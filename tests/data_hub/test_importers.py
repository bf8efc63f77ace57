"""Reading files: the real UN DESA files, other revisions' layouts found by their labels, the template, and
bad files (each refused with a clear, located message). Nothing here writes to the database."""

import zipfile

import pytest
from django.utils import timezone

from data_hub.importers import ImportRefused, parse_file
from data_hub.models import Place
from tests.data_hub.factories import (
    OD_SAMPLE,
    SAMPLE,
    SEX_BLOCKS_2020,
    YEARS,
    undesa_2019_layout,
    undesa_2020_layout,
    undesa_2020_od_layout,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db


def by_key(result):
    frame = result.figures
    codes = dict(Place.objects.values_list("pk", "code"))
    return {(ind, codes[int(p)], int(y), s): v for ind, p, y, s, v in
            zip(frame["indicator"], frame["place_id"], frame["year"], frame["sex"], frame["value"], strict=True)}


def test_the_real_2019_workbook_is_read_completely(workbook):
    result = parse_file(workbook, name=workbook.name)
    assert result.ok, result.errors[:3]
    assert result.kind == "undesa_destination"
    assert result.summary["places"] == 232
    assert result.summary["years"] == [1990, 1995, 2000, 2005, 2010, 2015, 2019]
    assert set(result.summary["indicators"]) == {"migrant_stock", "population", "migrant_share", "female_share",
                                                 "refugees"}
    figures = by_key(result)
    assert figures[("migrant_stock", "JOR", 2019, "T")] == 3346703
    assert figures[("migrant_stock", "JOR", 2019, "F")] == 1661345
    assert figures[("population", "JOR", 2019, "T")] == pytest.approx(10101.697 * 1000)  # given in thousands
    assert result.metadata.revision == "POP/DB/MIG/Stock/Rev.2019"
    assert "International Migrant Stock 2019" in result.metadata.citation
    assert result.metadata.licence == "CC BY 3.0 IGO"
    assert any("Regions and other aggregates left out" in note for note in result.notes)


def test_the_real_origin_destination_csv_leaves_region_rows_out(matrix):
    result = parse_file(matrix, name=matrix.name)
    assert result.ok, result.errors[:3]
    assert result.kind == "matrix"
    assert result.summary["regions_skipped"] == 5  # Caribbean, Melanesia, Micronesia, Polynesia, South America
    assert len(result.figures) == 376423
    assert set(result.figures["indicator"]) == {"od_migrant_stock"}


@pytest.mark.parametrize("code_label,name_label,suffix", [
    ("Code", "Major area, region, country or area of destination", ""),                 # 2015-2019
    ("Country code", "Major area, region, country or area of destination", ""),         # 2013-2015
    ("Location code", "Region, development group, country or area", "*"),               # 2020, footnote marks
])
def test_other_revisions_layouts_are_found_by_their_labels(tmp_path, code_label, name_label, suffix):
    rows = [(name + suffix if kind else name, code, kind, both, male, female)
            for name, code, kind, both, male, female in SAMPLE]
    path = write_xlsx(tmp_path / "other.xlsx", {"Notes": [["About this file"]], "Table 1": undesa_2019_layout(
        rows, code_label=code_label, name_label=name_label, title="International Migrant Stock 2020")})
    result = parse_file(path, name=path.name)
    assert result.ok, [e.message for e in result.errors]
    figures = by_key(result)
    assert len(figures) == 3 * 3 * 3  # three countries (regions left out), three years, three sexes
    assert figures[("migrant_stock", "PSE", 2010, "F")] == 3
    assert result.metadata.revision == "POP/DB/MIG/Stock/Rev.2019"


def test_a_single_header_row_with_sex_blocks_above_it_is_read(tmp_path):
    """2024-style: "Both sexes", "Males", "Females" over a header row that also holds the years."""
    header_above = [None, None, None, "Both sexes", None, None, "Males", None, None, "Females", None, None]
    header = ["Index", "Region, development group, country or area of destination", "Location code", *YEARS * 3]
    body = [[1, "Jordan", 400, 10, 20, 30, 6, 11, 16, 4, 9, 14], [2, "WORLD", 900, 1, 1, 1, 1, 1, 1, 0, 0, 0]]
    path = write_xlsx(tmp_path / "2024.xlsx", {"Table 1": [
        ["International migrant stock at mid-year by sex and by region, country or area of destination"], [],
        header_above, header, *body]})
    result = parse_file(path, name=path.name)
    assert result.ok, [e.message for e in result.errors]
    assert by_key(result)[("migrant_stock", "JOR", 2010, "M")] == 16


@pytest.mark.parametrize("revision_year,years,blank_rows", [
    (2020, [1990, 2000, 2020], 1),
    (2024, [1990, 2010, 2024], 3),
])
def test_the_2020_and_2024_layouts_are_read_with_their_sexes(tmp_path, revision_year, years, blank_rows):
    """Title block, blank rows, block labels ("..., both sexes combined", "..., males", "..., females") merged over
    their blocks with blank rows between them and the header, "Location code", "Type of data", footnote marks."""
    rows, merges = undesa_2020_layout(revision_year=revision_year, years=years, blank_rows=blank_rows)
    path = write_xlsx(tmp_path / f"undesa_pd_{revision_year}_ims_stock_by_sex_and_destination.xlsx",
                      {"Table 1": rows}, merges={"Table 1": merges})
    result = parse_file(path, name=path.name)
    assert result.ok, [e.message for e in result.errors]
    figures = by_key(result)
    assert len(figures) == 3 * 3 * 3  # three countries (regions left out), three years, three sexes
    expected = {name: (both, male, female) for name, _code, _kind, both, male, female in SAMPLE}
    for code, name in (("JOR", "Jordan"), ("PSE", "State of Palestine"), ("SAU", "Saudi Arabia")):
        for i, year in enumerate(years):
            both, male, female = (values[i] for values in expected[name])
            assert (figures[("migrant_stock", code, year, "T")], figures[("migrant_stock", code, year, "M")],
                    figures[("migrant_stock", code, year, "F")]) == (both, male, female)
    assert result.metadata.revision == f"POP/DB/MIG/Stock/Rev.{revision_year}"
    assert result.metadata.licence == "CC BY 3.0 IGO"
    assert set(result.figures["note"]) == {"B", "B R"}  # the "Type of data" column, never a figure


def test_the_2020_origin_destination_workbook_is_read_by_sex_without_regions(tmp_path):
    path = write_xlsx(tmp_path / "undesa_pd_2020_ims_stock_by_sex_destination_and_origin.xlsx",
                      {"Table 1": undesa_2020_od_layout()})
    result = parse_file(path, name=path.name)
    assert result.ok, [e.message for e in result.errors]
    codes = dict(Place.objects.values_list("pk", "code"))
    frame = result.figures
    figures = {(codes[int(d)], codes[int(o)], int(y), s): v for d, o, y, s, v in
               zip(frame["place_id"], frame["origin_id"], frame["year"], frame["sex"], frame["value"], strict=True)}
    assert set(frame["indicator"]) == {"od_migrant_stock"}
    # WORLD as destination, "Other South" and "Northern Africa" as origins are regions: left out.
    assert len(figures) == 3 * 3 * 3
    assert figures[("JOR", "EGY", 2010, "T")] == 30
    assert figures[("JOR", "EGY", 2010, "M")] == 16
    assert figures[("JOR", "PSE", 2000, "F")] == 55
    assert figures[("SAU", "EGY", 1990, "F")] == 50
    assert result.summary["regions_skipped"] == 3
    assert OD_SAMPLE  # the rows above come from the factory's sample


def test_blocks_that_cannot_be_told_apart_are_reported_once_with_their_labels(tmp_path):
    """Without a sex in the labels the three blocks read alike: one problem that names the columns and the
    labels found above them, not one "same figure twice" per cell."""
    rows, _merges = undesa_2020_layout()
    label_row = next(i for i, row in enumerate(rows) if row[5:6] == [SEX_BLOCKS_2020[0]])
    rows[label_row] = [None] * 5 + ["International migrant stock at mid-year"] + [None] * 8
    path = write_xlsx(tmp_path / "unlabelled.xlsx", {"Table 1": rows})
    result = parse_file(path, name=path.name)
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error.sheet, error.row, error.column) == ("Table 1", label_row + 3, "I")  # the header row
    assert "Columns F and I cannot be told apart" in error.message
    assert "both sexes (no sex recognised)" in error.message
    assert "Labels found above them: “International migrant stock at mid-year” and “International migrant stock " \
           "at mid-year”" in error.message
    assert "9 columns are affected (F–N)" in error.message
    assert result.figures.empty


def test_the_tidy_template_is_read_with_new_indicators(tmp_path):
    path = write_csv(tmp_path / "agency.csv", [
        ["indicator", "indicator_name", "unit", "place", "origin", "year", "sex", "value", "note"],
        ["labour_migrants", "Labour migrants", "persons", "JOR", "", 2023, "both", "1,000", "estimate"],
        ["labour_migrants", "Labour migrants", "persons", "Jordan", "", 2023, "male", 600, ""],
        ["labour_migrants", "Labour migrants", "persons", "400", "", 2023, "F", 400, ""],
        ["od_migrant_stock", "", "", "SAU", "Egypt", 2023, "", 2500, ""],
        ["domestic_workers", "Domestic workers", "persons", "LBN", "", 2022, "female", "..", ""],
    ])
    result = parse_file(path, name=path.name)
    assert result.ok, [e.message for e in result.errors]
    assert result.kind == "tidy"
    assert result.new_indicators["domestic_workers"]["name"] == "Domestic workers"
    figures = by_key(result)
    assert figures[("labour_migrants", "JOR", 2023, "T")] == 1000
    assert len(figures) == 4  # the ".." is "not available", not a figure
    assert result.summary["missing"] == 1


# Bad files: each gives its clear message, located by sheet, row and column.


def messages(result):
    return " | ".join(f"{e.sheet}!{e.column}{e.row}: {e.message}" for e in result.errors)


def test_a_truncated_workbook_is_refused(tmp_path, workbook):
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(workbook.read_bytes()[:100_000])
    with pytest.raises(ImportRefused, match="not a readable Excel workbook"):
        parse_file(path, name=path.name)


def test_a_file_that_is_not_excel_is_refused(tmp_path):
    path = tmp_path / "report.xlsx"
    path.write_text("this is not a workbook")
    with pytest.raises(ImportRefused, match="not a readable Excel workbook"):
        parse_file(path, name=path.name)


def test_other_file_types_are_refused(tmp_path):
    path = tmp_path / "figures.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(ImportRefused, match="Only Excel workbooks"):
        parse_file(path, name=path.name)


def test_a_zip_bomb_is_refused_before_it_is_opened(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"0" * (50 * 1024 * 1024))
    with pytest.raises(ImportRefused, match="would unpack to"):
        parse_file(path, name=path.name)


def test_a_workbook_with_too_many_members_is_refused(tmp_path):
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(1001):
            archive.writestr(f"xl/part{i}.xml", b"<x/>")
    with pytest.raises(ImportRefused, match="parts"):
        parse_file(path, name=path.name)


def test_a_file_larger_than_the_limit_is_refused(tmp_path, settings):
    settings.RWG_MAX_UPLOAD_BYTES = 1000
    path = write_csv(tmp_path / "big.csv", [["x"] * 100] * 20)
    with pytest.raises(ImportRefused, match="files up to"):
        parse_file(path, name=path.name)


def test_a_sheet_without_a_recognisable_header_is_reported(tmp_path):
    path = write_xlsx(tmp_path / "plain.xlsx", {"Sheet1": [["Country", "Number"], ["Jordan", 12]]})
    result = parse_file(path, name=path.name)
    assert not result.ok
    assert "No table with a recognisable header was found in “Sheet1”" in messages(result)


def test_an_unknown_country_is_reported_with_the_closest_names(tmp_path):
    rows = [*SAMPLE[:2], ("Jordania", 123, "B", [1, 2, 3], [1, 1, 2], [0, 1, 1])]
    path = write_xlsx(tmp_path / "unknown.xlsx", {"Table 1": undesa_2019_layout(rows)})
    result = parse_file(path, name=path.name)
    assert not result.ok
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error.sheet, error.row, error.column) == ("Table 1", 9, "B")
    assert "Unknown country or area “Jordania” (code 123)" in error.message
    assert "Did you mean: Jordan" in error.message


def test_male_plus_female_differing_from_both_sexes_is_reported(tmp_path):
    rows = [("Jordan", 400, "B", [10, 20, 30], [6, 11, 16], [4, 9, 99])]
    path = write_xlsx(tmp_path / "mismatch.xlsx", {"Table 1": undesa_2019_layout(rows)})
    result = parse_file(path, name=path.name)
    assert not result.ok
    assert messages(result) == ("Table 1!H7: Male (16) plus female (99) make 115, but both sexes is 30.")


def test_text_where_a_number_should_be_is_reported_and_dots_are_missing(tmp_path):
    rows = [("Jordan", 400, "B", [10, "abc", 30], [6, "..", 16], [4, "..", 14])]
    path = write_xlsx(tmp_path / "abc.xlsx", {"Table 1": undesa_2019_layout(rows)})
    result = parse_file(path, name=path.name)
    assert not result.ok
    assert messages(result) == ("Table 1!G7: Text where a number should be: “abc”. Use a number, or “..” for not "
                                "available.")


@pytest.mark.dates
def test_negative_values_duplicates_and_years_out_of_range_are_reported(tmp_path):
    path = write_csv(tmp_path / "bad.csv", [
        ["indicator", "place", "year", "sex", "value"],
        ["migrant_stock", "JOR", 2019, "T", -5],
        ["migrant_stock", "LBN", 2019, "T", 7],
        ["migrant_stock", "Lebanon", 2019, "both", 8],
        ["migrant_stock", "EGY", 1850, "T", 1],
        ["migrant_stock", "EGY", 2019, "X", 1],
        ["migrant_stock", "Arab region", 2019, "T", 1],
    ])
    result = parse_file(path, name=path.name)
    text = messages(result)
    assert "bad.csv!E2: Negative value -5" in text
    assert "bad.csv!E4: The same figure is given twice" in text and "row 3, column E" in text
    assert "bad.csv!C5: Year “1850” is not a year from 1950" in text
    assert "bad.csv!D6: Unknown sex “X”" in text
    assert "bad.csv!B7: “Arab region” is a region or group" in text


def test_an_unknown_indicator_without_a_name_is_reported(tmp_path):
    path = write_csv(tmp_path / "ind.csv", [["indicator", "place", "year", "value"], ["Mystery", "JOR", 2019, 1]])
    result = parse_file(path, name=path.name)
    assert "Unknown indicator “Mystery”" in messages(result)


def test_infinite_numbers_and_codes_are_refused_cleanly(tmp_path):
    path = write_csv(tmp_path / "inf.csv", [
        ["indicator", "place", "year", "sex", "value"],
        ["migrant_stock", "JOR", 2019, "T", "inf"],
        ["migrant_stock", "INF", 2019, "T", "1"],
        ["migrant_stock", "LBN", "inf", "T", "1"],
    ])
    result = parse_file(path, name=path.name)
    text = messages(result)
    assert "inf.csv!E2: Text where a number should be: “inf”" in text
    assert "Unknown country or area “INF”" in text
    assert "inf.csv!C4: Year “inf” is not a year" in text


@pytest.mark.dates
def test_a_bad_year_in_a_matrix_is_reported_once_at_its_cell(tmp_path):
    countries = ["Jordan", "Lebanon", "Egypt", "Iraq", "Yemen", "Oman"]
    path = write_csv(tmp_path / "od.csv", [["Year", "Dest", *countries],
                                           ["2019", "Saudi Arabia", *["10"] * 6],
                                           ["20l9", "Qatar", *["5"] * 6]])
    result = parse_file(path, name=path.name)
    assert messages(result) == f"od.csv!A3: Year “20l9” is not a year from 1950 to {timezone.now().year}."
