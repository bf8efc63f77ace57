"""Forms of the reports app. They validate input; services do the writing."""

import datetime

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from members.choices import Membership
from members.forms import HoneypotMixin
from members.models import Agency
from reports.choices import LikertScore, QuestionKind, ReportLanguage
from reports.models import FIRST_YEAR, Chapter, LibraryItem, LibraryProposal, Question, Report, Source
from rwg_portal.forms import StyledFormMixin
from rwg_portal.translated import TranslatedModelFormMixin, columns

MARKDOWN_HELP = _("Markdown: # for a section, **bold**, *italic*, lists, tables; footnotes with [^1]; "
                  "cite a source with [@key]; data blocks in a ```data fence (see the guide on this page).")
MAX_POSITION = 999  # chapters in one report


def _active_agencies():
    return Agency.objects.exclude(membership=Membership.FORMER).order_by("acronym")


class ReportCreateForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Report
        fields = ["kind", "year", "title_en", "title_ar", "summary_en", "summary_ar"]
        widgets = {"summary_en": forms.Textarea(attrs={"rows": 3}),
                   "summary_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl", "lang": "ar"}),
                   "title_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"})}
        help_texts = {"title_en": _("Leave empty for the standard title with the year.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_en"].required = False
        self.fields["year"].initial = timezone.localdate().year
        self.fields["year"].widget.attrs.update(min=FIRST_YEAR, max=2100)


class ReportEditForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Report
        fields = ["title_en", "title_ar", "summary_en", "summary_ar", "findings_en", "findings_ar",
                  "recommendations_en", "recommendations_ar", "questionnaire_deadline"]
        widgets = {
            "title_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "summary_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl", "lang": "ar"}),
            "findings_en": forms.Textarea(attrs={"rows": 10}),
            "findings_ar": forms.Textarea(attrs={"rows": 10, "dir": "rtl", "lang": "ar"}),
            "recommendations_en": forms.Textarea(attrs={"rows": 10}),
            "recommendations_ar": forms.Textarea(attrs={"rows": 10, "dir": "rtl", "lang": "ar"}),
            "questionnaire_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.is_assessment:
            for name in ("findings_en", "findings_ar", "recommendations_en", "recommendations_ar",
                         "questionnaire_deadline"):
                del self.fields[name]


class ChapterOutlineForm(StyledFormMixin, forms.ModelForm):
    """A chapter's place in the outline: the secretariat's part."""

    class Meta:
        model = Chapter
        fields = ["position", "title_en", "title_ar", "lead_agency", "contributing_agencies", "deadline"]
        widgets = {
            "title_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "contributing_agencies": forms.CheckboxSelectMultiple,
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.fields["lead_agency"].queryset = _active_agencies()
        self.fields["contributing_agencies"].queryset = _active_agencies()
        self.fields["position"].required = self.instance.pk is not None
        self.fields["position"].help_text = _("Giving a position that another chapter has swaps the two.")
        if self.instance.pk is None:
            self.fields["deadline"].initial = timezone.localdate() + datetime.timedelta(days=60)

    def clean_position(self):
        position = self.cleaned_data.get("position")
        if position is not None and position < 1:
            raise forms.ValidationError(_("Positions start at 1."))
        if position is not None and position > MAX_POSITION:  # beyond the column's range the save failed (500)
            raise forms.ValidationError(_("Positions go up to %(max)s.") % {"max": MAX_POSITION})
        if self.instance.pk is None and position and self.report.chapters.filter(position=position).exists():
            raise forms.ValidationError(_("Another chapter already has this position in the outline."))
        return position

    def _post_clean(self):
        # The report is set by the view, not the form; model validation happens in the service.
        pass


class ChapterTextForm(StyledFormMixin, forms.Form):
    body_en = forms.CharField(label=_("Text (English)"), required=False, help_text=MARKDOWN_HELP,
                              widget=forms.Textarea(attrs={"rows": 24, "class": "font-monospace"}))
    body_ar = forms.CharField(label=_("Text (Arabic, optional)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 24, "dir": "rtl", "lang": "ar"}))
    note = forms.CharField(label=_("What changed (optional)"), required=False, max_length=100,
                           help_text=_("Shown in the chapter's history."))
    revision = forms.IntegerField(widget=forms.HiddenInput)


class ChapterActionForm(StyledFormMixin, forms.Form):
    ACTIONS = ("submit", "withdraw", "return", "approve", "reopen")
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS], widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class CommentForm(StyledFormMixin, forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class SourceForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Source
        fields = ["key", "citation_en", "citation_ar", "url"]
        widgets = {"citation_en": forms.Textarea(attrs={"rows": 2}),
                   "citation_ar": forms.Textarea(attrs={"rows": 2, "dir": "rtl", "lang": "ar"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["key"].disabled = True
            self.fields["key"].help_text = _("The key cannot change: chapters cite the source by it.")

    def _post_clean(self):
        pass


class BuildRequestForm(forms.Form):
    language = forms.ChoiceField(choices=ReportLanguage.choices)


class QuestionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["kind", "dimension", "text_en", "text_ar", "required"]
        widgets = {"text_en": forms.Textarea(attrs={"rows": 2}),
                   "text_ar": forms.Textarea(attrs={"rows": 2, "dir": "rtl", "lang": "ar"})}

    def _post_clean(self):
        pass


DONT_KNOW = "dont_know"


class AnswersForm(StyledFormMixin, forms.Form):
    """One field per question: a 1–5 scale (or "don't know") or a text."""

    def __init__(self, *args, questions: list[Question], answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        scale = [(str(value), f"{value} — {label}") for value, label in LikertScore.choices]
        scale.append((DONT_KNOW, _("Don't know")))
        for question in questions:
            name = f"q{question.pk}"
            given = answers.get(question.pk)
            if question.kind == QuestionKind.LIKERT:
                self.fields[name] = forms.ChoiceField(
                    label=f"Q{question.position}. {question.text}", choices=scale, required=False,
                    widget=forms.RadioSelect,
                )
                if given is not None:
                    self.fields[name].initial = str(given.score) if given.score else DONT_KNOW
            else:
                self.fields[name] = forms.CharField(
                    label=f"Q{question.position}. {question.text}", required=False,
                    widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
                )
                if given is not None:
                    self.fields[name].initial = given.text
            self.fields[name].question = question

    def answers(self) -> dict[int, dict]:
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == QuestionKind.LIKERT:
                if value == DONT_KNOW:
                    result[question.pk] = {"score": None, "dont_know": True}
                elif value:
                    result[question.pk] = {"score": int(value)}
            elif value and value.strip():
                result[question.pk] = {"text": value}
        return result


class CompareForm(forms.Form):
    a = forms.IntegerField(label=_("Older version"))
    b = forms.IntegerField(label=_("Newer version"))


# Research and information library ---------------------------------------------------


def _library_checkboxes(choices, *, label, typed=False):
    field_class = forms.TypedMultipleChoiceField if typed else forms.MultipleChoiceField
    extra = {"coerce": int} if typed else {}
    return field_class(choices=choices, required=False, label=label,
                       widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}), **extra)


def _arab_state_choices():
    from rwg_portal import reference

    return [(code, reference.place_name(code)) for code in reference.ARAB_STATE_CODES]


def _gcm_choices():
    from rwg_portal import reference

    return reference.GCM_CHOICES


def _sdg_choices():
    from rwg_portal import reference

    return reference.SDG_CHOICES


class LibraryItemForm(StyledFormMixin, TranslatedModelFormMixin, forms.ModelForm):
    """A library item's fields; the agency among those the user may share for; a file or a link. The title and
    abstract in English, Arabic and French side by side (the original's language is required).

    The file itself is checked by the service (``rwg_portal.uploads.check_upload``), which is where
    every upload of the portal is checked.
    """

    countries = _library_checkboxes(_arab_state_choices, label=_("Countries"))
    gcm_objectives = _library_checkboxes(_gcm_choices, label=_("GCM objectives"), typed=True)
    sdg_targets = _library_checkboxes(_sdg_choices, label=_("SDG targets"))
    upload = forms.FileField(label=_("File"), required=False,
                             help_text=_("PDF, Word, Excel or PowerPoint. Or give a link below instead."))
    partner_agencies = forms.ModelMultipleChoiceField(
        label=_("Partner agencies"), queryset=Agency.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("Other agencies that wrote or published it."))

    translated_fields = LibraryItem.TEXTS
    ORDER = ["kind", "title", "language", "year", "agency", "partner_agencies", "abstract", "countries",
             "gcm_objectives", "sdg_targets", "visibility", "upload", "url"]

    class Meta:
        model = LibraryItem
        fields = ["kind", "language", "year", "agency", "partner_agencies", "countries", "gcm_objectives",
                  "sdg_targets", "visibility", "url"]
        widgets = {"visibility": forms.RadioSelect}
        help_texts = {"url": _("A web address starting with http:// or https://, if the document lives elsewhere.")}

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.ORDER)
        if agencies is not None:
            self.fields["agency"].queryset = agencies
            if agencies.count() == 1 and not self.instance.pk:
                self.fields["agency"].initial = agencies.first().pk
        self.fields["partner_agencies"].queryset = _active_agencies()
        self.fields["year"].widget.attrs.update(min=1950, max=2100)
        if not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year
        else:
            self.fields["partner_agencies"].initial = list(self.instance.partner_agencies.all())

    def clean_url(self):
        url = (self.cleaned_data.get("url") or "").strip()
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("The link must start with http:// or https://."))
        return url

    def clean(self):
        data = super().clean()
        upload, url = data.get("upload"), data.get("url")
        if upload and url:
            self.add_error("url", _("Give either a file or a link, not both."))
        elif not upload and not url and not (self.instance.pk and self.instance.file):
            self.add_error("upload", _("Upload a file or give a link to the document."))
        return data

    def item_fields(self) -> dict:
        """The fields the service sets (the file and the partner agencies go separately)."""
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "partner_agencies"}
        fields.update({column: self.cleaned_data[column] for name in self.translated_fields
                       for column in columns(name)})
        if not fields["url"] and self.instance.pk and self.instance.file:
            fields.pop("url")  # keep the file
        return fields


class LibraryProposalForm(HoneypotMixin, StyledFormMixin, forms.ModelForm):
    """A study, report, data note or policy brief proposed by an organisation (no account): who it is, then the
    document with a file (checked by the service like every upload) or a link."""

    text_limit = 5000
    countries = _library_checkboxes(_arab_state_choices, label=_("Countries"))
    upload = forms.FileField(label=_("File"), required=False,
                             help_text=_("PDF, Word, Excel or PowerPoint. Or give a link below instead."))

    class Meta:
        model = LibraryProposal
        fields = ["organisation", "organisation_kind", "contact_name", "contact_email", "website", "language",
                  "kind", "title", "authors", "year", "countries", "abstract", "url"]
        widgets = {"abstract": forms.Textarea(attrs={"rows": 6})}
        labels = {"organisation": _("Your organisation"), "contact_name": _("Your name"),
                  "contact_email": _("Your e-mail address"), "website": _("Website (optional)"),
                  "language": _("Language you write in"), "title": _("Title of the document")}
        help_texts = {"language": _("We write back to you in this language."),
                      "url": _("A web address starting with http:// or https://, if the document lives elsewhere.")}

    field_order = [*Meta.fields[:-1], "upload", "url"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", (translation.get_language() or "en")[:2])
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs.update(min=1950, max=2100)
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["fax_number"] = self.fields.pop("fax_number")  # the honeypot last

    def clean(self):
        data = super().clean()
        upload, url = data.get("upload"), data.get("url")
        if upload and url:
            self.add_error("url", _("Give either a file or a link, not both."))
        elif not upload and not url and "url" not in self.errors:
            self.add_error("upload", _("Upload a file or give a link to the document."))
        return data


class LibraryProposalDecisionForm(StyledFormMixin, forms.Form):
    """The secretariat's decision on a proposed library item: accept (into a member's library, members only),
    return with a message, or reject with the reason."""

    ACCEPT, RETURN, REJECT = "accept", "return", "reject"
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        (ACCEPT, _("Accept: add it to the library, for members only")),
        (RETURN, _("Return to the organisation with a message")),
        (REJECT, _("Reject, with the reason")),
    ])
    agency = forms.ModelChoiceField(
        label=_("Member agency that takes it up"), queryset=Agency.objects.none(), required=False,
        help_text=_("Needed to accept: the item is shared in this agency's name, credited to the organisation."))
    message = forms.CharField(label=_("Message to the organisation"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("E-mailed in the organisation's language: what to change, or the reason."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _active_agencies()

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == self.ACCEPT and not data.get("agency"):
            self.add_error("agency", _("Choose the member agency that takes the item up."))
        elif decision in (self.RETURN, self.REJECT) and not (data.get("message") or "").strip():
            self.add_error("message", _("Write the message the organisation will read."))
        return data
