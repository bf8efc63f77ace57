"""Texts the Group publishes in English, Arabic and French: one rule for every app.

A translatable text is one column per language (``text_en``, ``text_ar``, ``text_fr``), declared with
``translated(models.TextField(...))`` (django-translated-fields makes the three real fields when the
class is built, so django-simple-history's historical model gets them too). A model that has them
also has a ``language`` field, the language the text was written in (the original): it must be filled,
the translations may be empty.

A reader sees their language where it exists and the original otherwise, marked "(shown in English)"
in the reader's language (``shown``; in templates ``{% translated obj "text" %}``). Forms show the
languages side by side (``TranslatedFormField``). See docs/translations.md.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.html import format_html
from django.utils.text import capfirst, format_lazy
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from translated_fields import TranslatedField

LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)  # ("en", "ar", "fr")
DEFAULT = LANGUAGES[0]
RTL = frozenset(getattr(settings, "LANGUAGES_BIDI", ["ar"]))

# The choice of the original language on models and forms.
LANGUAGE_CHOICES = list(settings.LANGUAGES)


def language_field(**kwargs):
    """The ``language`` field of a model with translated texts: the language they were written in."""
    return models.CharField(_("language of the original"), max_length=2, choices=LANGUAGE_CHOICES,
                            default=DEFAULT, **kwargs)


def _reader(language: str | None = None) -> str:
    code = (language or get_language() or DEFAULT)[:2]
    return code if code in LANGUAGES else DEFAULT


def reader_language() -> str:
    """The active language as one of LANGUAGES ("en" when none or another is active)."""
    return _reader()


def original_language(obj) -> str:
    """The language ``obj``'s texts were written in: its ``language`` field, English when it has none."""
    code = (getattr(obj, "language", "") or DEFAULT)[:2]
    return code if code in LANGUAGES else DEFAULT


def direction(language: str) -> str:
    return "rtl" if language in RTL else "ltr"


@dataclass(frozen=True)
class Shown:
    """A translated text as one reader sees it: the text, the language it is in, and whether that is
    not the reader's own (then ``marker`` says which language is shown, in the reader's language)."""

    text: str
    language: str
    reader: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.reader

    @property
    def direction(self) -> str:
        return direction(self.language)

    @property
    def marker(self) -> str:
        """'(shown in English)' in the reader's language; empty when the text is in the reader's language."""
        return marker(self.language, self.reader) if self.is_fallback else ""

    @property
    def marker_html(self) -> str:
        if not self.is_fallback:
            return ""
        return format_html(' <small class="rwg-shown-in text-body-secondary">{}</small>', self.marker)

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        """Inline: ``<span lang dir>text</span>`` and the marker (``{% translated obj "title" %}``)."""
        if not self.text:
            return ""
        return format_html('<span lang="{}" dir="{}">{}</span>{}', self.language, self.direction, self.text,
                           self.marker_html)


# One sentence per language shown, so that each reads naturally once translated ("(معروض بالإنجليزية)",
# "(affiché en anglais)") instead of a language's name fitted into a sentence.
MARKERS = {"en": _("(shown in English)"), "ar": _("(shown in Arabic)"), "fr": _("(shown in French)")}


def marker(shown_language: str, reader: str) -> str:
    """'(shown in English)', '(معروض بالإنجليزية)', '(affiché en anglais)': the language shown, named in the
    reader's language."""
    with override(reader):
        return str(MARKERS[shown_language])


def shown(obj, name: str, language: str | None = None) -> Shown:
    """``obj``'s text ``name`` for a reader of ``language`` (the active language by default): theirs
    where it exists, else the original, else any language that has it."""
    reader = _reader(language)
    for code in dict.fromkeys((reader, original_language(obj), *LANGUAGES)):
        text = getattr(obj, f"{name}_{code}", None) or ""
        if text.strip():
            return Shown(text=text, language=code, reader=reader)
    return Shown(text="", language=reader, reader=reader)


def _getter(name, field):
    return lambda obj: shown(obj, name).text


def _setter(name, field):
    def refuse(obj, value):
        raise AttributeError(f"Write {name} in a language: {', '.join(f'{name}_{c}' for c in LANGUAGES)}.")
    return refuse


def translated(field, **specific) -> TranslatedField:
    """Make ``field`` translatable: one column per language, ``<name>_en``, ``<name>_ar``, ``<name>_fr``,
    each optional ("title (Arabic)" in forms and the admin); reading ``obj.<name>`` gives the reader's
    text by the rule of ``shown``. ``specific`` maps a language to keyword arguments for its column."""
    names = dict(settings.LANGUAGES)
    per_language = {
        code: {"verbose_name": format_lazy("{} ({})", field.verbose_name, names[code]), "blank": True,
               **specific.get(code, {})}
        for code in LANGUAGES
    }
    return TranslatedField(field, per_language, languages=LANGUAGES, attrgetter=_getter, attrsetter=_setter)


def columns(name: str) -> list[str]:
    """The columns of translated text ``name``: ['text_en', 'text_ar', 'text_fr']."""
    return [f"{name}_{code}" for code in LANGUAGES]


def contains(name: str, word: str) -> Q:
    """A filter: the translated text ``name`` contains ``word`` in any language (``icontains``)."""
    query = Q()
    for column in columns(name):
        query |= Q(**{f"{column}__icontains": word})
    return query


def values(obj, name: str) -> dict[str, str]:
    """Every language's text of ``name`` on ``obj``, {"en": ..., "ar": ..., "fr": ...} (empty ones too)."""
    return {code: getattr(obj, f"{name}_{code}", "") or "" for code in LANGUAGES}


def assign(obj, name: str, texts: dict[str, str]) -> None:
    """Write the languages given in ``texts`` (stripped) into ``obj``'s columns of ``name``."""
    for code, text in texts.items():
        if code not in LANGUAGES:
            raise ValueError(f"Unknown language {code!r}.")
        setattr(obj, f"{name}_{code}", (text or "").strip())


def check_original(obj, *names: str, errors: dict | None = None) -> dict:
    """Record an error for each text of ``names`` that is empty in the original language (``obj.language``):
    translations are optional, the original is not. Returns ``errors``; a model's ``clean`` raises it."""
    errors = {} if errors is None else errors
    code = original_language(obj)
    for name in names:
        if not (getattr(obj, f"{name}_{code}", "") or "").strip():
            errors[f"{name}_{code}"] = ValidationError(
                _("Write this in the language of the original (%(language)s), or choose the language it is "
                  "written in."), params={"language": dict(settings.LANGUAGES)[code]}, code="original_missing")
    return errors


def search_texts(obj, *names: str, title: str = "", title_field: str = "") -> dict[str, tuple[str, str]]:
    """The search index's texts of ``obj`` by language (see rwg_portal.registry.SearchEntry): for each
    language that has any, the title (``title`` before the translated ``title_field``) and the bodies of
    the translated texts ``names``. Every language is indexed, so a text is found in each of them."""
    result = {}
    for code in LANGUAGES:
        heading = (getattr(obj, f"{title_field}_{code}", "") or "") if title_field else ""
        body = "\n".join(t for t in ((getattr(obj, f"{n}_{code}", "") or "") for n in names) if t.strip())
        if heading.strip() or body.strip():
            result[code] = (" ".join(filter(None, [title, heading.strip()])), body)
    return result or {"": (title, "")}


# Forms --------------------------------------------------------------------------------------------


class LanguagesWidget(forms.MultiWidget):
    """One input per language side by side (stacked on a phone), each with its ``lang`` and ``dir``
    and its own label; the posted names are the model's columns (``text_en``, ``text_ar``, ``text_fr``)."""

    template_name = "rwg_portal/widgets/languages.html"

    def __init__(self, widget_class=forms.Textarea, attrs=None):
        extra = {"rows": 4} if widget_class is forms.Textarea else {}
        widgets = {code: widget_class(attrs={"lang": code, "dir": direction(code), **extra}) for code in LANGUAGES}
        super().__init__(widgets, attrs)

    def decompress(self, value):
        value = value or {}
        return [value.get(code, "") for code in LANGUAGES]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        names = dict(settings.LANGUAGES)
        base_id = (attrs or {}).get("id") or self.attrs.get("id")
        for code, subwidget in zip(LANGUAGES, context["widget"]["subwidgets"], strict=True):
            if base_id:
                subwidget["attrs"]["id"] = f"{base_id}_{code}"
            subwidget["attrs"]["lang"], subwidget["attrs"]["dir"] = code, direction(code)
            subwidget["language_name"] = names[code]
        return context

    def id_for_label(self, id_):
        return f"{id_}_{LANGUAGES[0]}" if id_ else id_


class TranslatedFormField(forms.MultiValueField):
    """A form field for a translated text: the languages side by side; its value is
    {"en": ..., "ar": ..., "fr": ...} (stripped, empty strings for the empty ones). Which language must be
    filled is the model's rule (``check_original``), so each input is optional here."""

    translated = True  # templates/includes/form_fields.html renders it as a fieldset

    def __init__(self, *, max_length: int | None = None, widget_class=forms.Textarea, **kwargs):
        from rwg_portal.forms import TEXT_LIMIT

        limit = max_length or TEXT_LIMIT
        fields = [forms.CharField(required=False, max_length=limit) for _code in LANGUAGES]
        kwargs.setdefault("required", False)
        super().__init__(fields=fields, widget=LanguagesWidget(widget_class), require_all_fields=False, **kwargs)
        for subwidget in self.widget.widgets:
            subwidget.attrs["maxlength"] = str(limit)

    def compress(self, data_list):
        data_list = data_list or [""] * len(LANGUAGES)
        return {code: (text or "").strip() for code, text in zip(LANGUAGES, data_list, strict=True)}


def original_language_field(**kwargs) -> forms.ChoiceField:
    """The form field that asks which language the text was written in."""
    kwargs.setdefault("label", _("Language of the original"))
    kwargs.setdefault("help_text", _("The language it was written in; readers of the other languages see it "
                                     "where no translation exists."))
    return forms.ChoiceField(choices=LANGUAGE_CHOICES, initial=_reader(), **kwargs)


# Migrations ---------------------------------------------------------------------------------------


def _guess(text: str) -> str:
    from rwg_portal.search import guess_language

    return guess_language(text)


def into_languages(app_label: str, model_names: list[str], names: list[str], *, guess: bool = True):
    """A data migration's (forward, backward) pair moving single-language texts into the language columns.

    Forward: each row's ``<name>`` goes into ``<name>_<language>``, where ``language`` is set from the
    script of the text (Arabic script: "ar", else "en") when ``guess`` and the row's language is still the
    default. Backward: the original language's column goes back into ``<name>``. ``model_names`` should
    list the historical model too ("Decision", "HistoricalDecision"), so that past versions keep their text.
    """

    def forward(apps, schema_editor):
        for model_name in model_names:
            model = apps.get_model(app_label, model_name)
            for row in model._base_manager.iterator():
                first = next((getattr(row, name) for name in names if getattr(row, name)), "")
                if guess and hasattr(row, "language") and first:
                    row.language = _guess(first)
                code = getattr(row, "language", DEFAULT) or DEFAULT
                for name in names:
                    setattr(row, f"{name}_{code}", getattr(row, name) or "")
                fields = [f"{name}_{code}" for name in names] + (["language"] if hasattr(row, "language") else [])
                row.save(update_fields=fields)

    def backward(apps, schema_editor):
        for model_name in model_names:
            model = apps.get_model(app_label, model_name)
            for row in model._base_manager.iterator():
                code = getattr(row, "language", DEFAULT) or DEFAULT
                for name in names:
                    setattr(row, name, getattr(row, f"{name}_{code}") or next(
                        (getattr(row, f"{name}_{c}") for c in LANGUAGES if getattr(row, f"{name}_{c}")), ""))
                row.save(update_fields=list(names))

    return forward, backward


class TranslatedModelFormMixin:
    """For a ModelForm of a model with translated texts: ``translated_fields = ("title", "summary")`` adds one
    side-by-side field per text (label, length and input kind from the model), fills it from the instance,
    hands the texts to the instance before the model's validation, and shows the model's errors about a
    language's column ("title_ar") on the text's field. Cleaned data has the columns (``title_ar``)."""

    translated_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for name in self.translated_fields:
            if name not in self.fields:
                base = model.__dict__[name]._field  # the TranslatedField's field, before it became three
                is_line = isinstance(base, models.CharField)
                self.fields[name] = TranslatedFormField(
                    label=capfirst(base.verbose_name), help_text=base.help_text,
                    max_length=base.max_length, widget_class=forms.TextInput if is_line else forms.Textarea)
            if self.instance.pk is not None and name not in self.initial:
                self.initial[name] = values(self.instance, name)

    def clean(self):
        """Hand the texts to the instance (the model checks the original) and give them to the services as
        columns: cleaned data has ``title_en``, ``title_ar``, ``title_fr`` in place of ``title``."""
        data = super().clean()
        for name in self.translated_fields:
            if isinstance(data.get(name), dict):
                texts = data.pop(name)
                assign(self.instance, name, texts)
                data.update({f"{name}_{code}": text for code, text in texts.items()})
        return data

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            renamed = {}
            for field, messages in errors.error_dict.items():
                base = field.rsplit("_", 1)[0]
                key = base if field not in self.fields and base in self.translated_fields else field
                renamed.setdefault(key, []).extend(messages)
            errors = ValidationError(renamed)
        super()._update_errors(errors)
