"""Security headers on real rendered pages of every app, and the Markdown sanitisers."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.world import build_world

PAGES = [
    ("anonymous", "home", []),
    ("anonymous", "account_login", []),
    ("focal_point", "members:directory", []),
    ("focal_point", "meetings:meeting_list", []),
    ("focal_point", "meetings:meeting_detail", ["meeting"]),
    ("focal_point", "programmes:activity_list", []),
    ("focal_point", "programmes:activity_detail", ["activity"]),
    ("anonymous", "data_hub:explorer", []),
    ("focal_point", "data_hub:release_detail", ["release"]),
    ("focal_point", "reports:index", []),
    ("focal_point", "reports:chapter_detail", ["chapter"]),
    ("secretariat", "security_events", []),
]


def check_csp(policy: str) -> None:
    assert policy, "no Content-Security-Policy"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip())
    for name, sources in directives.items():
        hosts = [s for s in sources.split() if re.match(r"^(https?:|//|\*)", s) or re.match(r"^[\w-]+\.[\w.-]+", s)]
        assert not hosts, f"{name} allows outside hosts: {hosts}"
    assert directives.get("frame-ancestors") == "'none'"
    assert directives.get("object-src") == "'none'"


@pytest.mark.django_db
def test_headers_on_rendered_pages(people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world(people)
    for role, name, keys in PAGES:
        client = Client()
        user = people.user(role)
        if user:
            client.force_login(user)
        response = client.get(reverse(name, args=[world.objects[k].pk for k in keys]))
        assert response.status_code == 200, (name, response.status_code)
        assert response["Content-Type"].startswith("text/html"), name
        check_csp(response.get("Content-Security-Policy", ""))
        assert response["X-Frame-Options"] == "DENY", name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "same-origin", name
        # Inline scripts need the nonce of this very response; inline style attributes are absent.
        html = response.content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or "nonce=" in tag, (name, tag)
        assert not re.search(r"<[a-z][^>]*\sstyle=\"", html), (name, "inline style attribute")
        assert not re.search(r"<[a-z][^>]*\son[a-z]+=\"", html), (name, "inline event handler")


def test_hsts_in_production():
    from tests.security.test_login import production_settings

    assert production_settings()["SECURE_HSTS_SECONDS"] >= 31536000


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "[x](JaVaScRiPt:alert(1))",
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example"></iframe>',
    "![x](javascript:alert(1))",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "[x](&#106;avascript:alert(1))",
]


def assert_inert(html: str) -> None:
    lowered = html.lower()
    assert "<script" not in lowered and "<iframe" not in lowered and "<svg" not in lowered
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", lowered), html
    # Only real tags count: Markdown may show hostile HTML as escaped text, which is inert.
    assert not re.search(r"<[a-z][^>]*\s(href|src)\s*=\s*[\"']?\s*(javascript|data|vbscript):", lowered), html


@pytest.mark.parametrize("text", HOSTILE)
def test_meeting_minutes_markdown_is_sanitised(text):
    from rwg_portal.markup import render_markdown

    assert_inert(str(render_markdown(text)))


@pytest.mark.parametrize("text", HOSTILE)
def test_report_chapter_markdown_is_sanitised(text):
    from reports.text import render

    assert_inert(str(render(text).html))


@pytest.mark.django_db
def test_hostile_minutes_are_inert_on_the_page(people, settings, tmp_path):
    """Through the real view and template, not only the function."""
    from meetings.services.minutes import minutes_section_save

    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world(people)
    minutes_section_save(agenda_item=world.agenda_item, text="\n\n".join(HOSTILE), by=people.secretariat)
    client = Client()
    client.force_login(people.secretariat)
    html = client.get(reverse("meetings:minutes", args=[world.meeting.pk])).content.decode()
    main = html.split("<main", 1)[-1]
    # Raw HTML in minutes shows as escaped text (rwg_portal.markup): only real tags could run.
    lowered = main.lower()
    assert "<script>alert" not in lowered
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", lowered)
    assert not re.search(r"<[a-z][^>]*\shref\s*=\s*[\"']?\s*javascript:", lowered)
