"""Forms for stakeholders: the public ones (no account: honeypot, limits) and the secretariat's."""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from members.forms import HoneypotMixin
from members.models import Agency, Consultation, ConsultationAnswer, PracticeProposal
from rwg_portal import reference
from rwg_portal.forms import StyledFormMixin, VenueDateTimeField
from rwg_portal.timezones import zone_choices
from rwg_portal.translated import TranslatedModelFormMixin, columns, original_language_field

PUBLIC_TEXT_LIMIT = 5000


def _language_initial() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


class ProposalForm(HoneypotMixin, StyledFormMixin, forms.ModelForm):
    """A good practice proposed by an organisation: who it is, then the practice in the programmes' fields."""

    text_limit = PUBLIC_TEXT_LIMIT
    countries = forms.MultipleChoiceField(
        label=_("Countries and areas"), choices=reference.place_choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))

    class Meta:
        model = PracticeProposal
        fields = ["organisation", "organisation_kind", "contact_name", "contact_email", "website", "language",
                  "title", "countries", "theme", "practice", "evidence", "lessons", "replication"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in ("practice", "evidence", "lessons",
                                                                         "replication")}
        labels = {"organisation": _("Your organisation"), "contact_name": _("Your name"),
                  "contact_email": _("Your e-mail address"), "website": _("Website (optional)"),
                  "language": _("Language you write in"), "title": _("Title of the practice")}
        help_texts = {"practice": _("What was done, by whom, for whom, where and when."),
                      "language": _("We write back to you in this language.")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", _language_initial())
        super().__init__(*args, **kwargs)
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"


class AmendForm(StyledFormMixin, forms.ModelForm):
    """The organisation changes the practice it proposed, through the signed link (not who it is)."""

    text_limit = PUBLIC_TEXT_LIMIT
    countries = forms.MultipleChoiceField(
        label=_("Countries and areas"), choices=reference.place_choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))

    class Meta:
        model = PracticeProposal
        fields = ["language", "title", "countries", "theme", "practice", "evidence", "lessons", "replication"]
        widgets = ProposalForm.Meta.widgets
        labels = {"language": _("Language you write in"), "title": _("Title of the practice")}


class ProposalDecisionForm(StyledFormMixin, forms.Form):
    """The secretariat's decision on a proposal: accept (into a member's draft good practice), return, reject."""

    ACCEPT, RETURN, REJECT = "accept", "return", "reject"
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        (ACCEPT, _("Accept: create a draft good practice")),
        (RETURN, _("Return to the organisation with a message")),
        (REJECT, _("Reject, with the reason")),
    ])
    agency = forms.ModelChoiceField(
        label=_("Member agency that follows it up"), queryset=Agency.objects.none(), required=False,
        help_text=_("Needed to accept: the good practice enters this agency's drafts, credited to the organisation."))
    title_en = forms.CharField(label=_("Title in English"), max_length=255, required=False,
                               help_text=_("Needed to accept a practice written in Arabic or French."))
    message = forms.CharField(label=_("Message to the organisation"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("E-mailed in the organisation's language: what to change, or the reason."))

    def __init__(self, *args, proposal: PracticeProposal, **kwargs):
        from members.choices import Membership

        if proposal.language == "en":
            kwargs.setdefault("initial", {}).setdefault("title_en", proposal.title)
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.exclude(membership=Membership.FORMER).order_by("acronym")

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == self.ACCEPT:
            if not data.get("agency"):
                self.add_error("agency", _("Choose the member agency that follows the practice up."))
            if not (data.get("title_en") or "").strip():
                self.add_error("title_en", _("Give the title in English."))
        elif decision in (self.RETURN, self.REJECT) and not (data.get("message") or "").strip():
            self.add_error("message", _("Write the message the organisation will read."))
        return data


class ConsultationForm(StyledFormMixin, TranslatedModelFormMixin, forms.ModelForm):
    """Open or change a consultation: the period is typed in its own time zone; the title, the question and
    the summary in English, Arabic and French side by side (the original's title and question are required)."""

    translated_fields = ("title", "question", "summary")
    language = original_language_field(help_text=_("The language the title, question and summary are written "
                                                   "in; readers of the other languages see them where no "
                                                   "translation exists."))

    time_zone = forms.ChoiceField(label=_("Time zone of the period"), choices=zone_choices, initial="Asia/Beirut")
    opens = VenueDateTimeField(label=_("Opens (in that time zone)"))
    closes = VenueDateTimeField(label=_("Closes (in that time zone)"))
    questions_text = forms.CharField(
        label=_("Questionnaire (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One question per line, at most %(count)d. Organisations may answer each of them.")
        % {"count": Consultation.MAX_QUESTIONS})

    class Meta:
        model = Consultation
        fields = ["language"]

    field_order = ["language", "title", "question", "time_zone", "opens", "closes", "questions_text", "summary"]

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            initial = kwargs.setdefault("initial", {})
            zone = zoneinfo.ZoneInfo(instance.time_zone)
            initial.update(time_zone=instance.time_zone, questions_text="\n".join(instance.questions),
                           opens=timezone.localtime(instance.opens_at, zone).replace(tzinfo=None),
                           closes=timezone.localtime(instance.closes_at, zone).replace(tzinfo=None))
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)  # the side-by-side texts are added after Django ordered the fields
        self.fields["time_zone"].choices = zone_choices(current=getattr(instance, "time_zone", "") or "")

    def clean(self):
        data = super().clean()
        zone_name, opens, closes = data.get("time_zone"), data.get("opens"), data.get("closes")
        if zone_name and opens and closes:
            zone = zoneinfo.ZoneInfo(zone_name)
            data["opens_at"], data["closes_at"] = opens.replace(tzinfo=zone), closes.replace(tzinfo=zone)
            if data["closes_at"] <= data["opens_at"]:
                self.add_error("closes", _("The consultation must close after it opens."))
        questions = [line.strip() for line in (data.get("questions_text") or "").splitlines() if line.strip()]
        if len(questions) > Consultation.MAX_QUESTIONS:
            self.add_error("questions_text", _("Give at most %(count)d questions.")
                           % {"count": Consultation.MAX_QUESTIONS})
        elif any(len(q) > 500 for q in questions):
            self.add_error("questions_text", _("Keep each question under 500 characters."))
        data["questions"] = questions
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        texts = [column for name in self.translated_fields for column in columns(name)]
        return {key: data[key] for key in ("language", *texts, "questions", "time_zone", "opens_at", "closes_at")}


class AnswerForm(HoneypotMixin, StyledFormMixin, forms.ModelForm):
    """An organisation's answer to a consultation, with a field for each question of the questionnaire."""

    text_limit = PUBLIC_TEXT_LIMIT

    class Meta:
        model = ConsultationAnswer
        fields = ["organisation", "organisation_kind", "contact_name", "contact_email", "language", "answer"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 6})}
        labels = {"organisation": _("Your organisation"), "contact_name": _("Your name"),
                  "contact_email": _("Your e-mail address"), "language": _("Language you write in"),
                  "answer": _("Your answer")}
        help_texts = {"contact_email": _("Not published. The secretariat may write to you about your answer.")}

    def __init__(self, *args, consultation: Consultation, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", _language_initial())
        super().__init__(*args, **kwargs)
        self.question_names = []
        for number, question in enumerate(consultation.questions, start=1):
            name = f"reply_{number}"
            self.fields[name] = forms.CharField(label=question, required=False, max_length=PUBLIC_TEXT_LIMIT,
                                                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))
            self.question_names.append(name)
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        # The honeypot last, after the questionnaire.
        self.fields["fax_number"] = self.fields.pop("fax_number")

    def service_data(self) -> dict:
        data = {key: self.cleaned_data[key] for key in self.Meta.fields}
        data["replies"] = [self.cleaned_data.get(name, "").strip() for name in self.question_names]
        return data


class AnswerModerationForm(StyledFormMixin, forms.Form):
    accept = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "1", widget=forms.RadioSelect,
                                    choices=[("1", _("Accept: publish it once the consultation closes")),
                                             ("0", _("Reject: never published"))])
    note = forms.CharField(label=_("Note (kept for the secretariat)"), required=False, max_length=1000)
