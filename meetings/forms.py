"""Forms of the meetings app. They validate input; the services do the writing."""

import datetime
import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.choices import (
    CITY_TIME_ZONES,
    TIME_ZONES,
    ActionItemStatus,
    GuestOrganisationKind,
    GuestResponse,
    InvitationResponse,
    JoinRequestOutcome,
    MeetingCity,
    MeetingKind,
    MeetingMode,
    MeetingStatus,
    Representation,
)
from meetings.models import ActionItem, AgendaItem, Decision, Meeting
from meetings.uploads import allowed_extensions, check_upload
from members.choices import JoinRequestStatus, Membership
from members.models import Agency, JoinRequest, User
from rwg_portal.forms import StyledFormMixin, VenueDateTimeField
from rwg_portal.timezones import zone_choices
from rwg_portal.translated import TranslatedFormField, TranslatedModelFormMixin, original_language_field, values


def venue_zone_choices() -> list[tuple[str, str]]:
    """The venue zones a meeting may have, by city in the reader's language (called at each render)."""
    return zone_choices(zones=TIME_ZONES)

class DateInput(forms.DateInput):
    """The browser's date picker; it needs ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _agencies():
    return Agency.objects.exclude(membership=Membership.FORMER).order_by("acronym")


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.acronym


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        agency = f" ({obj.agency.acronym})" if obj.agency_id else ""
        return f"{obj.get_full_name() or obj.email}{agency}"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        agency = f" ({obj.agency.acronym})" if obj.agency_id else ""
        return f"{obj.get_full_name() or obj.email} <{obj.email}>{agency}"


def _people():
    return User.objects.filter(is_active=True).select_related("agency").order_by("last_name", "first_name", "email")


def _local(value: datetime.datetime, zone: str) -> datetime.datetime:
    return timezone.localtime(value, zoneinfo.ZoneInfo(zone)).replace(tzinfo=None)


class MeetingForm(StyledFormMixin, forms.Form):
    """Schedule or change a meeting. Times are typed in the venue's time zone."""

    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices, initial=MeetingKind.REGULAR)
    title = forms.CharField(label=_("Subject"), max_length=255, required=False,
                            help_text=_("Optional, e.g. “Preparation of the Regional Coordination Mechanism meeting”."))
    mode = forms.ChoiceField(label=_("Mode"), choices=MeetingMode.choices)
    city = forms.ChoiceField(label=_("City"), choices=[("", _("None (videoconference only)")), *MeetingCity.choices],
                             required=False, help_text=_("The Group meets in Cairo or Beirut, or by videoconference."))
    time_zone = forms.ChoiceField(
        label=_("Time zone of the venue"), choices=venue_zone_choices, initial="Asia/Beirut",
        help_text=_("For a meeting in Cairo or Beirut the city's time zone is used; for a videoconference, "
                    "the organiser's."),
    )
    starts = VenueDateTimeField(label=_("Starts (venue time)"))
    ends = VenueDateTimeField(label=_("Ends (venue time)"))
    venue = forms.CharField(label=_("Venue"), max_length=255, required=False, help_text=_("Building and room."))
    video_link = forms.URLField(label=_("Videoconference link"), max_length=500, required=False, assume_scheme="https",
                                help_text=_("Shown only to members of the Group and to invitees."))
    chair_agency = AgencyChoiceField(label=_("Chairing agency"), queryset=_agencies(), required=False)
    public_summary = forms.CharField(
        label=_("Public summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A short account of the meeting for the public calendar. Nothing is shown until you publish it."))
    publish_summary = forms.BooleanField(label=_("Publish the summary on the public calendar"), required=False)
    publish_decisions = forms.BooleanField(
        label=_("Publish the decisions on the public calendar"), required=False,
        help_text=_("They appear once the minutes that record them are approved."))

    def __init__(self, *args, meeting: Meeting | None = None, **kwargs):
        if meeting is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "kind": meeting.kind, "title": meeting.title, "mode": meeting.mode, "city": meeting.city,
                "time_zone": meeting.time_zone, "venue": meeting.venue, "video_link": meeting.video_link,
                "chair_agency": meeting.chair_agency_id, "public_summary": meeting.public_summary,
                "publish_summary": meeting.publish_summary, "publish_decisions": meeting.publish_decisions,
                "starts": _local(meeting.starts_at, meeting.time_zone),
                "ends": _local(meeting.ends_at, meeting.time_zone),
            }
        super().__init__(*args, **kwargs)
        self.fields["chair_agency"].queryset = _agencies()

    def clean(self):
        data = super().clean()
        mode, city = data.get("mode"), data.get("city")
        if mode == MeetingMode.VIDEOCONFERENCE:
            data["city"] = ""
        elif mode and not city:
            self.add_error("city", _("A meeting in person takes place in Cairo or Beirut."))
        zone_name = CITY_TIME_ZONES.get(data.get("city")) or data.get("time_zone")
        data["time_zone"] = zone_name
        starts, ends = data.get("starts"), data.get("ends")
        if zone_name and starts and ends:
            zone = zoneinfo.ZoneInfo(zone_name)
            data["starts_at"] = starts.replace(tzinfo=zone)
            data["ends_at"] = ends.replace(tzinfo=zone)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("ends", _("The meeting must end after it starts."))
        if mode in (MeetingMode.VIDEOCONFERENCE, MeetingMode.HYBRID) and not data.get("video_link"):
            self.add_error("video_link", _("Give the link of the videoconference."))
        if data.get("publish_summary") and not (data.get("public_summary") or "").strip():
            self.add_error("public_summary", _("Write the summary before publishing it."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {key: data[key] for key in ("kind", "title", "mode", "city", "time_zone", "starts_at", "ends_at",
                                           "venue", "video_link", "chair_agency", "public_summary",
                                           "publish_summary", "publish_decisions")}


class MeetingStatusForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MeetingStatus.choices)
    status_note = forms.CharField(label=_("Reason"), max_length=255, required=False,
                                  help_text=_("Required when the meeting is postponed or cancelled."))

    def clean(self):
        data = super().clean()
        if data.get("status") in (MeetingStatus.POSTPONED, MeetingStatus.CANCELLED) and not data.get("status_note"):
            self.add_error("status_note", _("Say why the meeting was postponed or cancelled."))
        return data


class MeetingCloneForm(StyledFormMixin, forms.Form):
    """Plan the next meeting from this one: only the new date is asked."""

    starts = VenueDateTimeField(label=_("Starts (venue time)"))
    ends = VenueDateTimeField(label=_("Ends (venue time)"))

    def __init__(self, *args, source: Meeting, **kwargs):
        self.source = source
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends"):
            zone = self.source.zone
            data["starts_at"] = data["starts"].replace(tzinfo=zone)
            data["ends_at"] = data["ends"].replace(tzinfo=zone)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("ends", _("The meeting must end after it starts."))
        return data


class AgendaItemForm(StyledFormMixin, TranslatedModelFormMixin, forms.ModelForm):
    """An agenda item; its title in English, Arabic and French side by side (the original is required)."""

    language = original_language_field()
    presenting_agency = AgencyChoiceField(label=_("Presented by"), queryset=_agencies(), required=False)
    translated_fields = ("title",)

    class Meta:
        model = AgendaItem
        fields = ["language", "description", "presenting_agency", "duration_minutes"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["language", "title", "description", "presenting_agency", "duration_minutes"])
        self.fields["presenting_agency"].queryset = _agencies()


class FileField(forms.FileField):
    """A paper: checked by content and size before anything else sees it."""

    def __init__(self, **kwargs):
        accept = ",".join(f".{ext}" for ext in allowed_extensions())
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": accept}))
        kwargs.setdefault("help_text", _("PDF, Word, Excel, PowerPoint or an image."))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            check_upload(upload)
        return upload


class DocumentUploadForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    agenda_item = forms.ModelChoiceField(label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False,
                                         empty_label=_("The meeting as a whole"))
    file = FileField(label=_("File"))

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.select_related("minutes_of").order_by("position")
        self.fields["agenda_item"].label_from_instance = lambda item: f"{item.position}. {item.display_title}"


class DocumentReplaceForm(StyledFormMixin, forms.Form):
    file = FileField(label=_("New version"))


class InvitationsForm(StyledFormMixin, forms.Form):
    include_members = forms.BooleanField(
        label=_("Invite the focal points and alternates of all member agencies"), required=False, initial=True)
    people = PeopleChoiceField(label=_("Also invite"), queryset=User.objects.none(), required=False,
                               widget=forms.SelectMultiple(attrs={"size": 8}),
                               help_text=_("Anyone else with an account on the portal."))

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = _people().exclude(meeting_invitations__meeting=meeting)

    def clean(self):
        data = super().clean()
        if not data.get("include_members") and not data.get("people"):
            raise ValidationError(_("Choose whom to invite."))
        return data


ANSWERS = [choice for choice in InvitationResponse.choices if choice[0] != InvitationResponse.PENDING]


class InvitationResponseForm(StyledFormMixin, forms.Form):
    response = forms.ChoiceField(label=_("Your answer"), choices=ANSWERS,
                                 widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    note = forms.CharField(label=_("Note to the secretariat"), max_length=500, required=False)


class AttendanceRowForm(StyledFormMixin, forms.Form):
    """One agency's line in the attendance sheet."""

    representation = forms.ChoiceField(label=_("Represented by"), choices=Representation.choices)
    representative_name = forms.CharField(label=_("Name of the other representative"), max_length=200,
                                          required=False)
    remote = forms.BooleanField(label=_("Remotely"), required=False)

    def __init__(self, *args, agency: Agency, **kwargs):
        self.agency = agency
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("representation") == Representation.OTHER and not data.get("representative_name"):
            self.add_error("representative_name", _("Give the name of the representative."))
        return data


class MinutesSectionForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=_("Markdown is allowed: **bold**, *italics*, lists with - or 1."))


class MinutesApproveForm(StyledFormMixin, forms.Form):
    approved_on = forms.DateField(label=_("Approved on"), widget=DateInput())
    at_meeting = forms.ModelChoiceField(label=_("At the meeting"), queryset=Meeting.objects.none(), required=False,
                                        empty_label=_("Not at a meeting (by written procedure)"))

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = Meeting.objects.filter(starts_at__gt=meeting.starts_at).exclude(
            status=MeetingStatus.CANCELLED).order_by("starts_at")


class MinutesCommentForm(StyledFormMixin, forms.Form):
    agenda_item = forms.ModelChoiceField(label=_("On agenda item"), queryset=AgendaItem.objects.none(),
                                         required=False, empty_label=_("The minutes as a whole"))
    text = forms.CharField(label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.select_related("minutes_of").order_by("position")
        self.fields["agenda_item"].label_from_instance = lambda item: f"{item.position}. {item.display_title}"


def _join_request_label(join_request: JoinRequest) -> str:
    """The organisation and its acronym, or that it gave none (the form then asks for one)."""
    if join_request.acronym:
        return f"{join_request.organisation} ({join_request.acronym})"
    return _("%(organisation)s (no acronym given)") % {"organisation": join_request.organisation}


class DecisionForm(StyledFormMixin, forms.Form):
    """A decision; when recording a new one, an action item arising from it may be added at once."""

    agenda_item = forms.ModelChoiceField(label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False)
    text = TranslatedFormField(label=_("Decision"), help_text=_("Markdown is allowed."))
    language = original_language_field()
    report_to_rcm = forms.BooleanField(label=_("Report to the RCM"), required=False,
                                       help_text=_("Published to RCM delegates once the minutes are approved."))
    join_request = forms.ModelChoiceField(label=_("Decides the request to join of"),
                                          queryset=JoinRequest.objects.none(), required=False,
                                          empty_label=_("No request to join"))
    join_request_outcome = forms.ChoiceField(label=_("Outcome of the request"), required=False,
                                             choices=[("", "---------"), *JoinRequestOutcome.choices])
    join_acronym = forms.CharField(
        label=_("Acronym of the new member"), max_length=30, required=False,
        help_text=_("Needed when accepting a request that gave no acronym; otherwise it replaces the one given."))
    join_membership = forms.ChoiceField(label=_("Joins as"), required=False,
                                        choices=[(Membership.PARTICIPANT, Membership.PARTICIPANT.label),
                                                 (Membership.CORE, Membership.CORE.label)])
    action_title = forms.CharField(label=_("Action item arising (optional)"), max_length=255, required=False)
    action_owner = AgencyChoiceField(label=_("Owner agency"), queryset=Agency.objects.none(), required=False)
    action_assignee = PersonChoiceField(label=_("Assignee"), queryset=User.objects.none(), required=False)
    action_due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput())

    ACTION_FIELDS = ("action_title", "action_owner", "action_assignee", "action_due_on")

    def __init__(self, *args, meeting: Meeting, decision: Decision | None = None, **kwargs):
        self.decision = decision
        if decision is not None and "initial" not in kwargs:
            kwargs["initial"] = {"agenda_item": decision.agenda_item_id, "text": values(decision, "text"),
                                 "language": decision.language, "report_to_rcm": decision.report_to_rcm}
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.select_related("minutes_of").order_by("position")
        self.fields["agenda_item"].label_from_instance = lambda item: f"{item.position}. {item.display_title}"
        if decision is not None:
            # What a decision decides about a request to join, and what arises from it, is set when recorded.
            for name in ("join_request", "join_request_outcome", "join_acronym", "join_membership",
                         *self.ACTION_FIELDS):
                del self.fields[name]
        else:
            self.fields["join_request"].queryset = JoinRequest.objects.filter(status=JoinRequestStatus.PENDING)
            self.fields["join_request"].label_from_instance = _join_request_label
            self.fields["action_owner"].queryset = _agencies()
            self.fields["action_assignee"].queryset = _people().filter(agency__isnull=False)

    def clean(self):
        data = super().clean()
        if self.decision is None:
            if bool(data.get("join_request")) != bool(data.get("join_request_outcome")):
                self.add_error("join_request_outcome",
                               _("Choose both the request to join and whether it is accepted or declined."))
            request, accepted = data.get("join_request"), data.get("join_request_outcome") == "accepted"
            if request and accepted and not (data.get("join_acronym") or "").strip() and not request.acronym:
                self.add_error("join_acronym", _("The request gave no acronym: give the new member's acronym."))
            wants_action = any(data.get(name) for name in self.ACTION_FIELDS)
            if wants_action:
                for name in ("action_title", "action_owner", "action_due_on"):
                    if not data.get(name):
                        self.add_error(name, _("Needed for the action item arising from the decision."))
        return data


class ActionItemForm(StyledFormMixin, forms.ModelForm):
    """The secretariat records or changes an action item."""

    owner_agency = AgencyChoiceField(label=_("Owner agency"), queryset=Agency.objects.none())
    assignee = PersonChoiceField(label=_("Assignee"), queryset=User.objects.none(), required=False)

    class Meta:
        model = ActionItem
        fields = ["title", "description", "owner_agency", "assignee", "due_on", "decision", "status", "progress_note"]
        widgets = {
            "due_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "progress_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.meeting_id is None:
            self.instance.meeting = meeting  # so that the model's checks know the meeting
        self.fields["owner_agency"].queryset = Agency.objects.order_by("acronym")
        self.fields["assignee"].queryset = _people().filter(agency__isnull=False)
        self.fields["decision"].queryset = meeting.decisions.select_related("meeting").order_by("number")
        self.fields["decision"].required = False


class ActionItemProgressForm(StyledFormMixin, forms.Form):
    """What the owner agency's focal point or alternate reports."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionItemStatus.choices)
    progress_note = forms.CharField(label=_("Progress note"), required=False, max_length=5000,
                                    widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, can_drop: bool = True, current_status: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if not can_drop and current_status != ActionItemStatus.DROPPED:
            # Not offered; a crafted POST gets the reason rather than "not a valid choice".
            from meetings.services.actions import DROP_REFUSED

            field = self.fields["status"]
            field.choices = [c for c in ActionItemStatus.choices if c[0] != ActionItemStatus.DROPPED]
            field.error_messages["invalid_choice"] = DROP_REFUSED
            field.help_text = _("Only the secretariat can drop an action item agreed by the Group.")


class GuestInviteForm(StyledFormMixin, forms.Form):
    """A guest without an account: who, from which organisation, in which language to write."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    organisation = forms.CharField(label=_("Organisation"), max_length=255)
    organisation_kind = forms.ChoiceField(label=_("Kind of organisation"), choices=GuestOrganisationKind.choices)
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)


class GuestAnswerForm(StyledFormMixin, forms.Form):
    """A guest's answer through their link."""

    response = forms.ChoiceField(
        label=_("Your answer"), widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        choices=[choice for choice in GuestResponse.choices if choice[0] != GuestResponse.PENDING])
    note = forms.CharField(label=_("Note to the secretariat"), max_length=500, required=False)
# The Regional Coordination Mechanism ------------------------------------------------------


class DecisionReferenceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference}: {obj.text[:80]}"


class ReportTitleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class RcmSessionForm(StyledFormMixin, forms.Form):
    """The secretariat records an RCM session: when, where, what the Group presented, what the RCM said."""

    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200,
                            help_text=_("For example “Beirut, UN House” or “Videoconference”."))
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    presented_reports = ReportTitleField(label=_("Reports presented"), required=False,
                                         queryset=None, widget=forms.CheckboxSelectMultiple)
    presented_decisions = DecisionReferenceField(
        label=_("Decisions presented"), required=False, queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("Decisions of the Group flagged “report to the RCM”."))
    presentation = forms.CharField(label=_("What the Group presented"), required=False, max_length=20000,
                                   widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Markdown is allowed."))
    feedback = forms.CharField(label=_("The RCM's feedback"), required=False, max_length=20000,
                               widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Markdown is allowed."))
    recommendations = forms.CharField(label=_("The RCM's recommendations"), required=False, max_length=20000,
                                      widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Markdown is allowed."))

    def __init__(self, *args, **kwargs):
        from meetings.selectors import rcm_presentable_decisions
        from rwg_portal.registry import hook

        super().__init__(*args, **kwargs)
        # The reports app sits above meetings: it registers the editions an RCM session may have received.
        self.fields["presented_reports"].queryset = hook("report_editions")()
        self.fields["presented_decisions"].queryset = rcm_presentable_decisions()

    def clean_place(self):
        place = self.cleaned_data["place"].strip()
        if not place:
            raise ValidationError(_("Say where the session was held (or “Videoconference”)."))
        return place


class RcmFollowUpForm(StyledFormMixin, forms.Form):
    """Something the RCM asked an agency to do, its status and progress (the secretariat)."""

    title = forms.CharField(label=_("Action"), max_length=255)
    owner_agency = AgencyChoiceField(label=_("Owner agency"), queryset=Agency.objects.none())
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=ActionItemStatus.choices, initial=ActionItemStatus.OPEN)
    progress_note = forms.CharField(label=_("Progress note"), required=False, max_length=5000,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    action_item = forms.ModelChoiceField(
        label=_("Taken up as the action item"), required=False, queryset=ActionItem.objects.none(),
        help_text=_("When the Group took it up at one of its meetings."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = Agency.objects.order_by("acronym")
        self.fields["action_item"].queryset = ActionItem.objects.select_related("meeting").order_by(
            "-meeting__starts_at", "number")

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Say what the RCM asked for."))
        return title
