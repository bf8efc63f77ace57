"""``{% translated obj "text" %}``: a translated text as the reader sees it (see rwg_portal/translated.py).

Inline, it renders ``<span lang="ar" dir="rtl">…</span>`` followed, when the reader's language is missing,
by "(shown in Arabic)" in the reader's language. ``{% translated obj "text" as shown %}`` gives the
``Shown`` (``.text``, ``.language``, ``.direction``, ``.marker_html``) for blocks such as Markdown::

    {% translated decision "text" as shown %}
    <div lang="{{ shown.language }}" dir="{{ shown.direction }}">{{ shown.text|markdown }}</div>{{ shown.marker_html }}
"""

from django import template

from rwg_portal import translated as rule

register = template.Library()


@register.simple_tag(name="translated")
def translated_tag(obj, name: str) -> rule.Shown:
    """The text ``name`` of ``obj`` in the reader's language, or the original marked "(shown in …)".
    Rendered, the ``Shown`` writes its inline HTML (``Shown.__html__``); with ``as`` it is kept whole."""
    return rule.shown(obj, name)


@register.filter
def inline(shown):
    """``{{ item.shown_title|inline }}``: a ``Shown`` held by an object (not made by the tag) as its inline HTML.
    Needed because ``{{ value }}`` turns a non-string into ``str`` before escaping, which drops ``__html__``."""
    return shown.__html__() if isinstance(shown, rule.Shown) else shown
