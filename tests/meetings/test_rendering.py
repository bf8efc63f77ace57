"""Markdown is rendered, then sanitised."""

from meetings.rendering import render_markdown


def test_markdown_is_rendered():
    html = render_markdown("**Agreed**\n\n- one\n- two\n\n[ToR](https://example.org)")
    assert "<strong>Agreed</strong>" in html
    assert "<li>one</li>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_script_and_event_handlers_are_removed():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'
                           '<p onclick="alert(4)" style="color:red">p</p>')
    for bad in ("<script", "alert(1)", "onerror", "javascript:", "onclick", "style=", "<img"):
        assert bad not in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
