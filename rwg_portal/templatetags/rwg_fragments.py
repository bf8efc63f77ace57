"""``{% shared_form "members programmes" filter.form %}...{% endshared_form %}``: a form's HTML rendered once
for everyone who asks the same values, kept in the shared cache.

Django renders each select widget through its templates: a filter form with the world's countries and
the agencies took a quarter of the activity list's time on every request. The key holds the form's
values (each cut to 200 characters, so a long query string adds nothing), where the fragment stands in
its template, the language, today's date, the build and the content versions of the apps whose records
the choices list (``rwg_portal.dashboard_cache``: a new agency moves "members" on); entries expire
after ``PANEL_SECONDS``. A form with errors, or one whose values would make a key too long, is rendered
afresh. Only for forms whose HTML is the same for every visitor (no CSRF token: GET forms).
"""

import hashlib

from django import template
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from rwg_portal import dashboard_cache
from rwg_portal.page_cache import BUILD_ID

register = template.Library()
MAX_VALUE_CHARS = 200


class SharedFormNode(template.Node):
    def __init__(self, nodelist, apps: tuple[str, ...], form, where: str):
        self.nodelist, self.apps, self.form, self.where = nodelist, apps, form, where

    def render(self, context):
        form = self.form.resolve(context)
        if form is None or (form.is_bound and form.errors):
            return self.nodelist.render(context)
        values = []
        for name in form.fields:
            value = form[name].value()
            values.append((name, str(value)[:MAX_VALUE_CHARS + 1]))
        if any(len(v) > MAX_VALUE_CHARS for _name, v in values):
            return self.nodelist.render(context)
        current = dashboard_cache.versions()
        parts = (self.where, translation.get_language(), timezone.localdate().isoformat(), BUILD_ID,
                 tuple(current[app] for app in self.apps), tuple(values))
        key = "fragment:form:" + hashlib.sha256(repr(parts).encode()).hexdigest()
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, str(html), timeout=dashboard_cache.PANEL_SECONDS)
        return mark_safe(html)  # noqa: S308 (rendered by our own template just above)


@register.tag
def shared_form(parser, token):
    """``{% shared_form "app app" form %}``: see the module's docstring."""
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("usage: {% shared_form \"members programmes\" form %}")
    apps = tuple(parser.compile_filter(bits[1]).resolve({}).split())
    unknown = [app for app in apps if app not in dashboard_cache.WATCHED_APPS]
    if unknown:
        raise template.TemplateSyntaxError(f"shared_form: no content version for {unknown}")
    nodelist = parser.parse(("endshared_form",))
    parser.delete_first_token()
    origin = getattr(parser, "origin", None)
    where = f"{getattr(origin, 'template_name', '')}:{token.lineno}"
    return SharedFormNode(nodelist, apps, parser.compile_filter(bits[2]), where)
