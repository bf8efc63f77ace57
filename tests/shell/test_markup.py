"""Markdown is rendered with one configuration (rwg_portal.markup): raw HTML shows as text, then nh3 sanitises."""

import re

from rwg_portal.markup import render_markdown


def test_markdown_is_rendered():
    html = render_markdown("**Agreed**\n\n- one\n- two\n\n[ToR](https://example.org)")
    assert "<strong>Agreed</strong>" in html
    assert "<li>one</li>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_raw_html_and_script_are_shown_as_text():
    html = render_markdown('<script>alert(1)</script> and <b>bold</b>')
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<script" not in html and "<b>" not in html


def test_script_and_event_handlers_are_removed():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'
                           '<p onclick="alert(4)" style="color:red">p</p>\n\n[x](javascript:alert(5)) ![i](x.png)')
    for bad in ("<script", "<img", "<a href=\"javascript", "<p onclick", "javascript:alert(5)"):
        assert bad not in html
    assert not re.search(r"<[a-z][^>]*\s(on[a-z]+|style)=", html)


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
