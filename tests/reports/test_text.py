"""Chapter text: Markdown rendered safely, data blocks, citations, footnotes."""

import pytest
from lxml import html as lxml_html

from reports import text


def test_markdown_is_rendered_and_sections_start_at_h2():
    html = text.render("# Context\n\nSome **bold** and *italic* text.\n\n## Detail").html
    assert "<h2>Context</h2>" in html
    assert "<h3>Detail</h3>" in html
    assert "<strong>bold</strong>" in html and "<em>italic</em>" in html
    assert "<h1" not in html


@pytest.mark.parametrize("dangerous", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<div style="position:fixed">x</div>',
])
def test_nothing_executable_survives(dangerous):
    root = lxml_html.fragment_fromstring(text.render(f"Before {dangerous} after").html, create_parent="div")
    assert not root.xpath("//script | //img | //iframe | //*[@style]")
    for element in root.iter():
        assert not any(name.startswith("on") for name in element.attrib)
        assert not element.get("href", "").lower().startswith("javascript")


def test_raw_html_is_shown_as_text():
    html = text.render("A <b>tag</b>").html
    assert "&lt;b&gt;tag&lt;/b&gt;" in html


def test_links_keep_their_address_and_gain_rel():
    html = text.render("[UN DESA](https://www.un.org/development/desa/)").html
    assert 'href="https://www.un.org/development/desa/"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_table_alignment_becomes_logical_classes_without_style():
    html = text.render("| Year | Men |\n|:--|--:|\n| 2020 | 5 |").html
    assert 'class="align-start"' in html and 'class="align-end"' in html
    assert "style=" not in html
    assert 'scope="col"' in html


def test_footnotes_are_endnotes_on_the_web_with_prefixed_ids():
    html = text.render("Text[^1].\n\n[^1]: The note.", id_prefix="c3-").html
    assert 'id="c3-fnref-1"' in html and 'href="#c3-fn-1"' in html
    assert 'class="footnote"' in html


def test_footnotes_move_inline_for_the_pdf():
    html = text.render("Text[^1] more.\n\n[^1]: The *note*.", footnotes_inline=True).html
    assert '<span class="fn">The <em>note</em>.</span> more.' in html
    assert 'class="footnote"' not in html
    assert "↩" not in html


def test_citations_are_numbered_in_order_of_first_use_across_chapters():
    citations = text.Citations(known={"a", "b"})
    first = text.render("See [@b] and [@a], again [@b].", citations=citations)
    second = text.render("Then [@a].", citations=citations)
    assert citations.numbers == {"b": 1, "a": 2}
    assert '<a class="cite" href="#source-b">[1]</a>' in first.html
    assert '<a class="cite" href="#source-a">[2]</a>' in second.html
    assert first.unknown_sources == [] and second.unknown_sources == []


def test_unknown_citations_are_reported_and_marked():
    rendered = text.render("See [@missing].", citations=text.Citations(known=set()))
    assert rendered.unknown_sources == ["missing"]
    assert 'class="cite-missing"' in rendered.html


def test_citations_in_code_are_left_alone():
    rendered = text.render("Write `[@key]` to cite.", citations=text.Citations(known={"key"}))
    assert "<code>[@key]</code>" in rendered.html


BLOCK = """Intro.

```data
id: stock
kind: stock_by_sex
place: arab
years: 2020, 2010 2015
show: table
title: Migrants by sex
```

After."""


def test_a_data_block_is_parsed():
    body, blocks = text.extract_blocks(BLOCK)
    (block,) = blocks
    assert block.spec == {"kind": "stock_by_sex", "place": "ARAB", "years": [2010, 2015, 2020]}
    assert block.block_id == "stock" and block.show == "table" and block.title == "Migrants by sex"
    assert block.line == 3 and block.index == 1
    assert "kind:" not in body


def test_a_data_block_is_replaced_by_what_the_caller_renders():
    html = text.render(BLOCK, block_html=lambda block: f"<figure>{block.block_id}</figure>").html
    assert "<figure>stock</figure>" in html
    assert "RWGDATABLOCK" not in html


def test_without_a_renderer_the_page_shows_a_placeholder():
    html = text.render(BLOCK).html
    assert "data-block-placeholder" in html and "stock_by_sex" in html


@pytest.mark.parametrize("lines, message", [
    ("kind: stock_by_sex", "place"),
    ("place: ARAB", "kind"),
    ("kind: pie\nplace: ARAB", "unknown kind"),
    ("kind: stock_by_sex\nplace: XXX", "unknown place"),
    ("kind: stock_by_sex\nplace: ARAB\ncolour: red", "unknown setting"),
    ("kind: stock_by_sex\nplace: ARAB\nyears: soon", "whole number"),
    ("kind: stock_by_sex\nplace: ARAB\nlimit: 500", "between"),
    ("kind: stock_by_sex\nplace: ARAB\nshow: pie", "show"),
    ("kind stock_by_sex", "key: value"),
    ("kind: stock_by_sex\nkind: female_share\nplace: ARAB", "twice"),
])
def test_a_bad_data_block_says_what_is_wrong_and_where(lines, message):
    with pytest.raises(text.BlockSyntaxError) as caught:
        text.extract_blocks(f"Intro\n\n```data\n{lines}\n```\n")
    assert message in str(caught.value)
    assert "line 3" in str(caught.value)


def test_an_unclosed_data_block_is_an_error():
    with pytest.raises(text.BlockSyntaxError, match="not closed"):
        text.extract_blocks("```data\nkind: stock_by_sex\nplace: ARAB\n")


def test_country_codes_are_checked_against_iso_3166():
    _body, blocks = text.extract_blocks("```data\nkind: top_origins\nplace: jor\nlimit: 5\n```")
    assert blocks[0].spec == {"kind": "top_origins", "place": "JOR", "limit": 5}


def test_cited_keys_in_order():
    assert text.cited_keys("[@b] then [@a] and [@b]") == ["b", "a"]


@pytest.mark.parametrize("literal", ["RWGDATABLOCK7X", "RWGDATABLOCK1X", "RWGDATABLOCK0X",
                                     "RWGDATABLOCK99999999999999X"])
def test_text_that_looks_like_the_renderer_s_placeholder_is_only_text(literal):
    """An author who types the placeholder gets it back as text; no KeyError, no swapped block."""
    for renderer in (None, lambda block: f"<figure>{block.block_id}</figure>"):
        html = text.render(f"{literal}\n\n{BLOCK}\n\n{literal}", block_html=renderer, footnotes_inline=True).html
        assert html.count(literal) == 2
        assert html.count("<figure>stock</figure>") == (1 if renderer else 0)
