from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import selectors
from members.choices import AgencyKind, DesignationRole, JoinRequestStatus
from members.models import Agency, CoChairPeriod, ContactMessage, JoinRequest, User
from rwg_portal.forms import StyledFormMixin
from rwg_portal.timezones import zone_choices, zone_label
from rwg_portal.translated import TranslatedModelFormMixin


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as YYYY-MM-DD in every language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class AgencyContactForm(StyledFormMixin, forms.ModelForm):
    """What a focal point keeps current about their agency."""

    class Meta:
        model = Agency
        fields = ["website", "email", "phone", "address", "office_city", "office_city_other"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class AgencyForm(StyledFormMixin, TranslatedModelFormMixin, forms.ModelForm):
    """Everything the secretariat records about an agency; its public text in the three languages side by side."""

    translated_fields = ("public_about",)

    class Meta:
        model = Agency
        fields = ["acronym", "name_en", "name_ar", "name_fr", "kind", "membership", "joined_on", "office_city",
                  "office_city_other", "website", "email", "phone", "address"]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "joined_on": DateInput(),
            "name_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "name_fr": forms.TextInput(attrs={"lang": "fr"}),
            "name_en": forms.TextInput(attrs={"lang": "en"}),
        }


class CoChairPeriodForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = CoChairPeriod
        fields = ["starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        help_texts = {"ends_on": _("Leave empty while the agency co-chairs the Group.")}


class DesignationForm(StyledFormMixin, forms.Form):
    """Designate a focal point or alternate: an existing person, or a new one invited by e-mail."""

    role = forms.ChoiceField(label=_("Role"), choices=DesignationRole.choices)
    person = forms.ModelChoiceField(
        label=_("Existing person"), queryset=User.objects.none(), required=False,
        empty_label=_("— invite a new person instead —"),
    )
    email = forms.EmailField(label=_("E-mail of a new person"), required=False,
                             help_text=_("They receive an invitation with a link to choose a password."))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    replace = forms.BooleanField(
        label=_("Replace the current holder of this role"), required=False,
        help_text=_("Their designation then ends on the start date of the new one."),
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["person"].queryset = selectors.designation_candidates()
        self.fields["person"].label_from_instance = self._person_label
        self.fields["starts_on"].initial = timezone.localdate()

    @staticmethod
    def _person_label(person: User) -> str:
        agency = person.agency.acronym if person.agency_id else _("no agency")
        return f"{person} — {person.email} ({agency})"

    def clean(self):
        data = super().clean()
        person, email = data.get("person"), data.get("email")
        if person and email:
            raise forms.ValidationError(_("Pick an existing person or invite a new one, not both."))
        if not person and not email and not self.errors:
            raise forms.ValidationError(_("Pick an existing person or give the e-mail of a new one."))
        if email:
            if User.objects.filter(email__iexact=email).exists():
                self.add_error("email", _("This person already has an account: pick them from the list."))
            if not data.get("first_name"):
                self.add_error("first_name", _("Give the new person's first name."))
        return data


class DesignationEndForm(StyledFormMixin, forms.Form):
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].initial = timezone.localdate()


class PersonInviteForm(StyledFormMixin, forms.ModelForm):
    """The secretariat invites someone: the account is created and an e-mail goes out."""

    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "role", "agency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["agency"].queryset = Agency.objects.order_by("acronym")
        self.fields["language"].initial = (kwargs.get("initial") or {}).get("language", "en")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("A person with this e-mail address already has an account."))
        return email


class PersonForm(StyledFormMixin, forms.ModelForm):
    """What the secretariat may change about a person (not their e-mail, password or admin rights)."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title", "phone", "role", "agency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.order_by("acronym")


def time_zone_choices(current: str = ""):
    """The portal's default, then the curated zones by city in the reader's language (rwg_portal.timezones)."""
    default = zone_label(settings.RWG_DEFAULT_TIME_ZONE)
    return [("", _("Portal default (%(zone)s)") % {"zone": default}), *zone_choices(current=current)]


class AccountForm(StyledFormMixin, forms.ModelForm):
    """What every person keeps current about themselves."""

    time_zone = forms.ChoiceField(label=_("Time zone"), required=False, choices=time_zone_choices,
                                  help_text=_("Times in the portal are shown in this zone."))

    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title", "phone", "time_zone", "language"]
        labels = {"language": _("Language of e-mails")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A zone stored before the list was curated stays selectable (and selected).
        self.fields["time_zone"].choices = time_zone_choices(self.instance.time_zone)


JOIN_KINDS = [(k.value, k.label) for k in (AgencyKind.UN_ENTITY, AgencyKind.INTERGOVERNMENTAL, AgencyKind.NGO,
                                           AgencyKind.BILATERAL)]


class HoneypotMixin(forms.Form):
    """A honeypot for the public forms: a field hidden from people (its template puts it in a ``d-none``
    block) that robots fill in. Views check ``is_spam`` and save nothing, thanking all the same."""

    fax_number = forms.CharField(label=_("Leave this field empty"), required=False,
                                 template_name="members/includes/honeypot_field.html",
                                 widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("fax_number"))


class JoinRequestForm(HoneypotMixin, StyledFormMixin, forms.ModelForm):
    """The public form by which an organisation asks to participate (ToR section 5)."""

    text_limit = 5000  # anyone may post it: a motivation is a few paragraphs

    class Meta:
        model = JoinRequest
        fields = ["organisation", "acronym", "kind", "website", "contact_name", "contact_email", "motivation"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 5})}
        labels = {"kind": _("Kind of organisation")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The kinds the terms of reference name; Django's own empty choice stays first.
        allowed = {"", *(value for value, _label in JOIN_KINDS)}
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0] in allowed]
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"


class JoinRequestDecisionForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        (JoinRequestStatus.ACCEPTED.value, JoinRequestStatus.ACCEPTED.label),
        (JoinRequestStatus.DECLINED.value, JoinRequestStatus.DECLINED.label),
    ])
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput(),
                                 help_text=_("The date of the meeting or consultation that decided."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    create_agency = forms.BooleanField(
        label=_("Record the organisation as a participant agency"), required=False, initial=True,
        help_text=_("Only when the request is accepted."),
    )
    acronym = forms.CharField(label=_("Acronym of the new agency"), max_length=30, required=False)

    def __init__(self, *args, join_request: JoinRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["acronym"].initial = join_request.acronym
        self.fields["decided_on"].initial = timezone.localdate()


class ContactForm(HoneypotMixin, StyledFormMixin, forms.ModelForm):
    """The public contact form: a message to the secretariat."""

    text_limit = 5000

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "organisation", "subject", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
        labels = {"name": _("Your name"), "email": _("Your e-mail address"),
                  "organisation": _("Organisation (optional)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"


class ContactAnswerForm(StyledFormMixin, forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}),
                             help_text=_("E-mailed to the sender; write it in the language of their message."))
