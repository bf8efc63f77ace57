"""Filter sets of the meetings app's lists (django-filter): they read the query string."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.choices import (
    OPEN_ACTION_STATUSES,
    ActionItemStatus,
    FollowUp,
    MeetingKind,
    MeetingMode,
    MeetingStatus,
)
from meetings.models import ActionItem, Decision, Meeting
from members.models import Agency
from members.permissions import represented_agency_ids
from rwg_portal import translated
from rwg_portal.filters import FilterForm


class MeetingFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MeetingStatus.choices, empty_label=_("Any"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MeetingKind.choices, empty_label=_("Any"))
    mode = django_filters.ChoiceFilter(label=_("Mode"), choices=MeetingMode.choices, empty_label=_("Any"))

    class Meta:
        model = Meeting
        fields = ["year", "status", "kind", "mode"]
        form = FilterForm


class ActionItemFilter(django_filters.FilterSet):
    STATE_CHOICES = [("open", _("Open or in progress")), ("overdue", _("Overdue")), *ActionItemStatus.choices]

    state = django_filters.ChoiceFilter(label=_("Status"), choices=STATE_CHOICES, method="filter_state",
                                        empty_label=_("Any"))
    owner_agency = django_filters.ModelChoiceFilter(label=_("Owner agency"), queryset=Agency.objects.order_by(
        "acronym"), empty_label=_("Any"))
    mine = django_filters.BooleanFilter(label=_("Only mine and my agency's"), method="filter_mine",
                                        widget=forms.CheckboxInput())
    year = django_filters.NumberFilter(label=_("Year of the meeting"), field_name="meeting__year")

    class Meta:
        model = ActionItem
        fields = ["state", "owner_agency", "year"]
        form = FilterForm

    def filter_state(self, queryset, name, value):
        if value == "open":
            return queryset.filter(status__in=OPEN_ACTION_STATUSES)
        if value == "overdue":
            return queryset.filter(status__in=OPEN_ACTION_STATUSES, due_on__lt=timezone.localdate())
        return queryset.filter(status=value)

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        user = self.request.user
        return queryset.filter(Q(assignee_id=user.pk) | Q(owner_agency_id__in=represented_agency_ids(user)))


class DecisionFilter(django_filters.FilterSet):
    """The decisions register's filters: words of the text, year, follow-up, RCM and publication."""

    YES_NO = [("yes", _("Yes")), ("no", _("No"))]

    q = django_filters.CharFilter(label=_("Words in the decision"), method="filter_words", max_length=200)
    year = django_filters.NumberFilter(label=_("Year"), field_name="meeting__year", min_value=1950, max_value=2100)
    follow_up = django_filters.ChoiceFilter(label=_("Follow-up"), choices=FollowUp.choices, method="filter_follow_up",
                                            empty_label=_("Any"))
    rcm = django_filters.ChoiceFilter(label=_("Reported to the RCM"), choices=YES_NO, method="filter_yes_no",
                                      empty_label=_("Any"))
    published = django_filters.ChoiceFilter(label=_("Published"), choices=YES_NO, method="filter_yes_no",
                                            empty_label=_("Any"))

    class Meta:
        model = Decision
        fields = ["q", "year", "follow_up", "rcm", "published"]
        form = FilterForm

    def filter_words(self, queryset, name, value):
        """The words in the decision's text, in any of its languages."""
        return queryset.filter(translated.contains("text", value)) if value else queryset

    def filter_follow_up(self, queryset, name, value):
        """Needs the ``action_count`` and ``open_action_count`` annotations of the register's selector."""
        if value == FollowUp.NONE:
            return queryset.filter(action_count=0)
        if value == FollowUp.OPEN:
            return queryset.filter(open_action_count__gt=0)
        return queryset.filter(action_count__gt=0, open_action_count=0)

    def filter_yes_no(self, queryset, name, value):
        field = {"rcm": "report_to_rcm", "published": "public"}[name]
        return queryset.filter(**{field: value == "yes"})
