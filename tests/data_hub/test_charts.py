import re

from django.utils import translation

from data_hub import charts
from data_hub.downloads import table_csv, table_xlsx
from rwg_portal.spreadsheets import neutralise


def sample_series():
    return [charts.Series(label="Both <sexes>", sex="T", points=[(2010, 100.0), (2019, 250.0)]),
            charts.Series(label="Female", sex="F", points=[(2010, 40.0), (2019, None)])]


def test_line_charts_are_accessible_svg_without_style_attributes():
    svg = str(charts.line_chart(title="Migrants & more", description="Two lines.", series=sample_series()))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    title_id = re.search(r'<title id="([^"]+)">Migrants &amp; more</title>', svg).group(1)
    desc_id = re.search(r'<desc id="([^"]+)">Two lines.</desc>', svg).group(1)
    assert f'aria-labelledby="{title_id} {desc_id}"' in svg and 'role="img"' in svg
    assert "style=" not in svg and "<script" not in svg
    assert "Both &lt;sexes&gt;" in svg  # labels are escaped
    assert 'stroke-dasharray="2 3"' in svg  # female told apart by dashes, not colour alone
    assert all('font-family="' in text for text in re.findall(r"<text[^>]*>", svg))


def test_bar_charts_mirror_in_right_to_left_languages():
    with translation.override("ar"):
        svg = str(charts.bar_chart(title="t", description="d", bars=[("الهند", 10.0), ("مصر", 5.0)]))
    assert 'direction="rtl"' in svg


def test_an_empty_chart_says_so():
    assert "No figures to show." in str(charts.line_chart(title="t", description="d", series=[]))


def test_figures_are_formatted_for_each_language():
    assert charts.format_value(1234567) == "1,234,567"
    assert charts.format_value(49.64, percent=True) == "49.6%"
    with translation.override("fr"):
        assert charts.format_value(1234567) == "1\xa0234\xa0567"
        assert charts.format_value(49.64, percent=True) == "49,6\u202f%"
    with translation.override("ar"):
        assert charts.format_value(1234567) == "1\u066c234\u066c567"
        assert charts.format_value(61.34, percent=True) == "61\u066b3%"
    assert charts.format_value(None) == "—"


def test_cells_that_could_run_as_formulas_are_neutralised():
    assert neutralise("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert neutralise("+1") == "'+1" and neutralise("@SUM(A1)") == "'@SUM(A1)" and neutralise("-x") == "'-x"
    assert neutralise(-5) == -5 and neutralise("Jordan") == "Jordan"
    text = table_csv(title="T", columns=["place"], rows=[["=cmd|' /C calc'!A0"]], citation="C").decode("utf-8-sig")
    assert "'=cmd" in text


def test_excel_downloads_keep_text_as_text():
    import io

    from openpyxl import load_workbook

    content = table_xlsx(title="T", columns=["place", "value"], rows=[["=1+1", 5]], citation="Source C")
    sheet = load_workbook(io.BytesIO(content)).active
    cell = sheet.cell(row=sheet.max_row, column=1)
    assert cell.value == "=1+1" and cell.data_type == "s"
    assert sheet.cell(row=sheet.max_row, column=2).value == 5
