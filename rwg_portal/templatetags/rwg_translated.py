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
