from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from data_hub.choices import PlaceKind, Sex
from data_hub.importers.base import ImportRefused
from data_hub.importers.safety import ALLOWED_EXTENSIONS, check_stream
from data_hub.models import Place
from data_hub.places import place_matches
from members.models import Agency
from rwg_portal.forms import StyledFormMixin

MAX_PLACES = 12


def _chosen(data, name: str) -> set[str]:
    if data is None:
        return set()
    values = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
    return {str(v) for v in ([values] if isinstance(values, str) else values)}


def place_choices(sections, *, query: str = "", keep: set[str] = frozenset()) -> list:
    """Grouped choices for a place picker: groups, the Arab States, other countries and areas (``sections``, from
    ``selectors.places_for_pickers``), narrowed to the places matching ``query``; places in ``keep`` (already
    chosen) stay whatever the query, so that filtering never drops a choice."""
    groups, arab, others = sections
    labels = (_("Groups"), _("Arab States"), _("Other countries and areas"))
    out = []
    for label, places in zip(labels, (groups, arab, others), strict=True):
        shown = [(p.code, p.name) for p in places if p.code in keep or place_matches(p, query)]
        if shown:
            out.append((label, shown))
    return out


class ExplorerForm(StyledFormMixin, forms.Form):
    """What the explorer shows: one indicator, places or groups, years, sexes, and the release to read.

    Choices depend on each other (a release's years), so the view builds the form with them.
    """

    indicator = forms.ChoiceField(label=_("Indicator"))
    find = forms.CharField(label=_("Find a place"), required=False, max_length=80,
                           widget=forms.SearchInput(attrs={"aria-describedby": "id_find-help"}),
                           help_text=_("Type part of a name or code, then “Filter the list”: only the places that "
                                       "match are offered (those already chosen stay)."))
    places = forms.MultipleChoiceField(
        label=_("Places and groups"), help_text=_("Hold Ctrl (or ⌘) to choose several; up to 12."),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    origin = forms.ChoiceField(label=_("Country or group of origin"), required=False,
                               help_text=_("For figures by origin and destination only."))
    years = forms.MultipleChoiceField(label=_("Years"), required=False, widget=forms.CheckboxSelectMultiple,
                                      help_text=_("None ticked: every year."))
    sexes = forms.MultipleChoiceField(label=_("Sex"), choices=Sex.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: all three."))
    release = forms.ChoiceField(label=_("Release"), required=False)

    def __init__(self, data, *, indicators, sections, releases, years, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["indicator"].choices = [(i.code, i.name) for i in indicators]
        query = str((data or {}).get("find") or "")[:80]
        self.fields["places"].choices = place_choices(sections, query=query, keep=_chosen(data, "places"))
        self.fields["origin"].choices = [("", _("All countries of origin")),
                                         *place_choices(sections, query=query, keep=_chosen(data, "origin"))]
        self.fields["years"].choices = [(str(y), str(y)) for y in years]
        for name in ("years", "sexes"):
            self.fields[name].widget.attrs["class"] = "form-check-input"
        self.fields["release"].choices = [("", _("Current release"))] + [
            (str(r.pk), f"{r.dataset.name} — {r.revision}") for r in releases]

    def clean_places(self):
        places = self.cleaned_data["places"]
        if len(places) > MAX_PLACES:
            raise forms.ValidationError(_("Choose at most %(count)s places or groups.") % {"count": MAX_PLACES})
        return places


class CompareForm(StyledFormMixin, forms.Form):
    """Two releases of one indicator side by side, for one country or group."""

    indicator = forms.ChoiceField(label=_("Indicator"))
    find = forms.CharField(label=_("Find a place"), required=False, max_length=80,
                           widget=forms.SearchInput(attrs={"aria-describedby": "id_find-help"}),
                           help_text=_("Type part of a name or code, then “Filter the list”: only the places that "
                                       "match are offered (those already chosen stay)."))
    place = forms.ChoiceField(label=_("Country or group"))
    release = forms.ChoiceField(label=_("Release"), help_text=_("Usually the newer revision."))
    compare = forms.ChoiceField(label=_("Compared with"), help_text=_("Usually the revision it would replace."))

    def __init__(self, data, *, indicators, sections, releases, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["indicator"].choices = [(i.code, i.name) for i in indicators]
        # Type-to-filter without JavaScript, as the explorer: the search field narrows the places offered.
        query = str((data or {}).get("find") or "")[:80]
        self.fields["place"].choices = place_choices(sections, query=query, keep=_chosen(data, "place"))
        self.nothing_found = bool(query.strip()) and not place_choices(sections, query=query)
        choices = [(str(r.pk), f"{r.dataset.name} — {r.revision}") for r in releases]
        self.fields["release"].choices = choices
        self.fields["compare"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("release") and cleaned.get("release") == cleaned.get("compare"):
            self.add_error("compare", _("Choose two different releases."))
        return cleaned


class ImportForm(StyledFormMixin, forms.Form):
    """An upload and what the portal cannot read from the file itself."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("A UN DESA workbook (International Migrant Stock, any revision), an origin-destination table "
                    "(CSV or Excel), or the portal's template. Excel (.xlsx, .xls) or CSV."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in ALLOWED_EXTENSIONS)}),
    )
    dataset = forms.ModelChoiceField(
        label=_("Dataset"), queryset=None, required=False, empty_label=_("Recognise from the file (UN DESA files)"),
    )
    new_dataset_name = forms.CharField(
        label=_("…or start a new dataset named"), max_length=200, required=False,
        help_text=_("For your agency's own figures, e.g. “Labour migration statistics”."),
    )
    agency = forms.ModelChoiceField(label=_("Agency publishing the figures"), queryset=None, required=False,
                                    help_text=_("For a new dataset: the agency whose own data it is."))
    revision = forms.CharField(
        label=_("Revision"), max_length=100, required=False,
        help_text=_("e.g. POP/DB/MIG/Stock/Rev.2024 or 2025-Q1. UN DESA workbooks state theirs."),
    )
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    citation = forms.CharField(label=_("Citation"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("Left empty, the portal uses the file's suggested citation or composes "
                                           "one."))
    licence = forms.CharField(label=_("Licence"), max_length=255, required=False)
    source_url = forms.URLField(label=_("Source address"), required=False, assume_scheme="https")
    make_current = forms.BooleanField(label=_("Make this the current revision of the dataset"), required=False,
                                      initial=True)

    def __init__(self, *args, datasets, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset"].queryset = datasets
        self.fields["agency"].queryset = agencies

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.RWG_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is %(size)s; files up to %(limit)s can be imported.") % {
                "size": filesizeformat(upload.size), "limit": filesizeformat(settings.RWG_MAX_UPLOAD_BYTES)})
        try:
            check_stream(upload, name=upload.name or "", size=upload.size)
        except ImportRefused as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload

    def clean(self):
        data = super().clean()
        if data.get("dataset") and data.get("new_dataset_name"):
            self.add_error("new_dataset_name", _("Choose a dataset or name a new one, not both."))
        return data

    def options(self) -> dict:
        data = self.cleaned_data
        keys = ("new_dataset_name", "revision", "title", "citation", "licence", "source_url")
        return {k: data[k].strip() for k in keys if data.get(k)} | {"make_current": bool(data.get("make_current"))}


class GroupForm(StyledFormMixin, forms.Form):
    """A group of countries that the explorer, the API and the reports can ask for."""

    code = forms.RegexField(
        label=_("Code"), regex=r"^[A-Za-z][A-Za-z0-9_]{1,19}$", max_length=20,
        help_text=_("Letters, digits and underscores, e.g. NORTH_AFRICA; it cannot change later."),
    )
    name_en = forms.CharField(label=_("Name (English)"), max_length=120)
    name_ar = forms.CharField(label=_("Name (Arabic)"), max_length=120, required=False)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=120, required=False)
    members = forms.ModelMultipleChoiceField(
        label=_("Member countries"), queryset=Place.objects.filter(kind=PlaceKind.COUNTRY),
        widget=forms.SelectMultiple(attrs={"size": 14}), help_text=_("Hold Ctrl (or ⌘) to choose several."),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["code"].disabled = True
        self.fields["members"].label_from_instance = lambda place: place.name

    def clean_code(self):
        code = self.cleaned_data["code"].upper()
        if not self.fields["code"].disabled and Place.objects.filter(code=code).exists():
            raise forms.ValidationError(_("This code is taken."))
        return code


def agencies_for(user):
    """Agencies the user may publish for: any (secretariat), or those they represent."""
    from members.permissions import is_secretariat, represented_agency_ids

    if is_secretariat(user):
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=represented_agency_ids(user))
