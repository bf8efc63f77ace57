"""Forms of the programmes app: they validate input; the services decide and write."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from members.models import Agency
from programmes.choices import (
    ActivityStatus,
    PairVerdict,
    ParticipantRole,
    RecommendationForum,
    RecommendationStatus,
    TargetGroup,
)
from programmes.models import Activity, Attachment, GoodPractice, Indicator, PriorityArea
from programmes.services import ACTIVITY_FIELDS
from rwg_portal import reference
from rwg_portal.forms import BLANK_LABEL, StyledFormMixin
from rwg_portal.reference import Theme
from rwg_portal.translated import TranslatedFormField, TranslatedModelFormMixin
from rwg_portal.uploads import check_upload

# Attachments: checked by content and extension, Office zips for bombs (rwg_portal/uploads.py).
DOCUMENT_EXTENSIONS = {"pdf", "png", "jpg", "jpeg", "docx", "xlsx", "pptx"}


def check_upload_size(upload) -> None:
    limit = settings.RWG_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)})


def _checkboxes(choices, *, required=False, label=None, typed=False):
    field_class = forms.TypedMultipleChoiceField if typed else forms.MultipleChoiceField
    extra = {"coerce": int} if typed else {}
    return field_class(choices=choices, required=required, label=label,
                       widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}), **extra)


class ActivityForm(StyledFormMixin, forms.ModelForm):
    """An activity's own fields. The lead agency can be chosen among the agencies the user represents."""

    themes = _checkboxes(Theme.choices, required=True, label=_("Thematic areas"))
    countries = _checkboxes(reference.place_choices, required=True, label=_("Countries and areas"))
    target_groups = _checkboxes(TargetGroup.choices, label=_("Target groups"))
    sdg_targets = _checkboxes(reference.SDG_CHOICES, label=_("SDG targets"))
    gcm_objectives = _checkboxes(reference.GCM_CHOICES, label=_("Objectives of the Global Compact for Migration"),
                                 typed=True)

    class Meta:
        model = Activity
        fields = [*ACTIVITY_FIELDS, "priority_areas"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary_en": forms.Textarea(attrs={"rows": 4}),
            "summary_ar": forms.Textarea(attrs={"rows": 4, "dir": "rtl", "lang": "ar"}),
            "summary_fr": forms.Textarea(attrs={"rows": 4, "lang": "fr"}),
            "title_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "title_fr": forms.TextInput(attrs={"lang": "fr"}),
            "title_en": forms.TextInput(attrs={"lang": "en"}),
            "priority_areas": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        }
        # The field holds an identifier the agency already has in IATI; the portal's own is made on export.
        labels = {"iati_identifier": _("Your agency's IATI identifier for this activity")}
        help_texts = {"iati_identifier": _(
            "Only if your agency already publishes this activity to IATI: its identifier there. Leave it empty "
            "otherwise; the IATI export then gives the activity an identifier of its own."
        )}

    def __init__(self, *args, lead_agencies=None, lock_lead=False, lock_all=False, **kwargs):
        super().__init__(*args, **kwargs)
        if lock_all:  # a partner of a joint programme: the lead's fields are shown, not taken from the post
            for field in self.fields.values():
                field.disabled = True
        if lead_agencies is not None:
            self.fields["lead_agency"].queryset = lead_agencies
        if lock_lead:
            self.fields["lead_agency"].disabled = True
            self.fields["lead_agency"].help_text = _("Only the lead agency or the secretariat may change it.")
        if self.instance.pk is None:
            # A new activity's status follows its dates unless the person says otherwise (docs/programmes.md).
            status = self.fields["status"]
            status.required = False
            status.choices = [("", _("From the dates: planned, ongoing or completed")), *ActivityStatus.choices]
            status.help_text = _("Planned if it starts later, ongoing if today is within its dates, completed if "
                                 "it has ended. Choose another status only if it differs.")
            self.initial["status"] = ""
        self.fields["priority_areas"].queryset = PriorityArea.objects.all()
        self.fields["priority_areas"].required = False
        for name in ("themes", "countries", "target_groups", "sdg_targets", "gcm_objectives", "priority_areas"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def activity_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ACTIVITY_FIELDS if name in self.cleaned_data}


class ParticipantForm(StyledFormMixin, forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.all(), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[("", BLANK_LABEL), *ParticipantRole.choices], required=False)

    def clean(self):
        data = super().clean()
        if data.get("agency") and not data.get("role"):
            self.add_error("role", _("Give the agency's role."))
        return data


class BaseParticipantFormSet(forms.BaseFormSet):
    def __init__(self, *args, activity_form=None, **kwargs):
        self.activity_form = activity_form
        super().__init__(*args, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        lead = self.activity_form.cleaned_data.get("lead_agency") if self.activity_form is not None else None
        for form in self.forms:
            agency = form.cleaned_data.get("agency")
            if not agency:
                continue
            if agency == lead:
                raise ValidationError(_("The lead agency cannot also be a participating agency."))
            if agency.pk in seen:
                raise ValidationError(_("%(agency)s is listed twice.") % {"agency": agency.acronym})
            seen.add(agency.pk)

    def participants(self) -> list[tuple[Agency, str]]:
        return [(f.cleaned_data["agency"], f.cleaned_data["role"]) for f in self.forms if f.cleaned_data.get("agency")]


ParticipantFormSet = forms.formset_factory(ParticipantForm, formset=BaseParticipantFormSet, extra=3)


class IndicatorForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["title", "unit", "concerns_people", "baseline_year", "baseline", "baseline_women", "baseline_men",
                  "target", "target_women", "target_men", "actual", "actual_women", "actual_men"]


class AttachmentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["kind", "title", "url", "file"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "size") and getattr(upload, "content_type", None) is not None:
            checked = check_upload(upload, allowed=DOCUMENT_EXTENSIONS)
            # Stored under a generated name (programmes.models._attachment_path); the name is data.
            self.instance.original_name = checked.original_name
        return upload


IndicatorFormSet = forms.inlineformset_factory(Activity, Indicator, form=IndicatorForm, extra=1, can_delete=True)
AttachmentFormSet = forms.inlineformset_factory(Activity, Attachment, form=AttachmentForm, extra=1, can_delete=True)


class PriorityAreaForm(StyledFormMixin, forms.ModelForm):
    place = forms.ChoiceField(label=_("Country or area"), choices=reference.place_choices)

    class Meta:
        model = PriorityArea
        fields = ["title_en", "title_ar", "title_fr", "place", "theme", "source", "source_reference", "stated_on",
                  "description"]
        widgets = {
            "stated_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "title_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class GoodPracticeForm(StyledFormMixin, TranslatedModelFormMixin, forms.ModelForm):
    """A good practice; its texts in English, Arabic and French side by side (the original is required)."""

    countries = _checkboxes(reference.place_choices, required=True, label=_("Countries and areas"))
    translated_fields = GoodPractice.TEXTS

    class Meta:
        model = GoodPractice
        fields = ["agency", "language", "countries", "theme", "activity"]

    def __init__(self, *args, agencies=None, activities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["agency", "language", "title", "countries", "theme", "activity", "practice", "evidence",
                           "lessons", "replication"])
        if agencies is not None:
            self.fields["agency"].queryset = agencies
        if activities is not None:
            self.fields["activity"].queryset = activities
        self.fields["countries"].widget.attrs["class"] = "form-check-input"

    def practice_fields(self) -> dict:
        return dict(self.cleaned_data)


class ReturnPracticeForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("What should change"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class SynergyReviewForm(StyledFormMixin, forms.Form):
    a = forms.IntegerField(widget=forms.HiddenInput)
    b = forms.IntegerField(widget=forms.HiddenInput)
    verdict = forms.ChoiceField(label=_("Verdict"), choices=[("", _("Not reviewed")), *PairVerdict.choices],
                                required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ImportUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Updated spreadsheet (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload_size(upload)
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Upload the .xlsx file you downloaded from the portal."))
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            raise ValidationError(_("This is not an Excel (.xlsx) file."))
        # Content, size and zip-bomb checks before openpyxl ever opens the workbook.
        check_upload(upload, allowed={"xlsx"})
        return upload


# Governments' recommendations (Cairo 2013 and after) -------------------------------


def arab_state_choices() -> list[tuple[str, str]]:
    """The 22 Arab States (the reference list), named in the active language."""
    return [(code, reference.place_name(code)) for code in reference.ARAB_STATE_CODES]


class ActivityTitleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.lead_agency.acronym})"


class GovernmentRecommendationForm(StyledFormMixin, forms.Form):
    """The secretariat enters a recommendation as governments adopted it and links the responses."""

    forum = forms.ChoiceField(label=_("Made at"), choices=RecommendationForum.choices,
                              initial=RecommendationForum.CAIRO_2013)
    forum_detail = forms.CharField(label=_("Meeting"), max_length=255, required=False,
                                   help_text=_("For another meeting of governments: its name and place."))
    made_on = forms.DateField(label=_("Made on"), initial="2013-06-04",
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                              help_text=_("For a meeting of several days, its first day."))
    reference = forms.CharField(label=_("Reference"), max_length=60,
                                help_text=_("Its number in the outcome document, e.g. “12” or “III.4”."))
    # The languages side by side (posted as text_en, text_ar, text_fr); the English is required by the model.
    text = TranslatedFormField(label=_("Text"), max_length=10000,
                               help_text=_("As adopted, in English; the Arabic and French where they exist."))
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    countries = _checkboxes(arab_state_choices, required=True, label=_("Countries concerned"))
    activities = ActivityTitleChoiceField(
        label=_("Activities and joint programmes responding"), required=False, queryset=Activity.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = Activity.objects.select_related("lead_agency").order_by("title_en")

    def clean(self):
        """The text goes to the service as its columns (``text_en``, ``text_ar``, ``text_fr``)."""
        data = super().clean()
        texts = data.pop("text", None)
        if isinstance(texts, dict):
            data.update({f"text_{code}": text for code, text in texts.items()})
        return data


class RecommendationReviewForm(StyledFormMixin, forms.Form):
    """Where the implementation stands, as the secretariat reviewed it."""

    status = forms.ChoiceField(label=_("Status of implementation"), choices=RecommendationStatus.choices)
    status_note = forms.CharField(label=_("Review note"), required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
