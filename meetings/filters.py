"""Filter sets of the meetings app's lists (django-filter): they read the query string."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.choices import OPEN_ACTION_STATUSES, ActionItemStatus, MeetingKind, MeetingMode, MeetingStatus
from meetings.models import ActionItem, Meeting
from members.models import Agency
from members.permissions import represented_agency_ids
from rwg_portal.forms import StyledFormMixin


class FilterForm(StyledFormMixin, forms.Form):
    """Filter forms get the same Bootstrap classes as the portal's other forms."""


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
