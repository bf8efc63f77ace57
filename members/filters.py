"""Filter sets for the members lists: the agency directory, people, requests to join."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members import permissions
from members.choices import AgencyKind, DesignationRole, JoinRequestStatus, Membership, Role
from members.models import Agency, Designation
from rwg_portal.filters import FilterForm

ALL = _("All")


def search_filter() -> django_filters.CharFilter:
    return django_filters.CharFilter(label=_("Search"), method="search",
                                     widget=forms.TextInput(attrs={"type": "search"}))


class AgencyFilter(django_filters.FilterSet):
    q = search_filter()
    membership = django_filters.ChoiceFilter(label=_("Membership"), choices=Membership.choices, empty_label=ALL)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=AgencyKind.choices, empty_label=ALL)
    lacking = django_filters.BooleanFilter(
        label=_("Only agencies lacking a focal point or alternate"), method="only_lacking",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Agency
        fields = ["q", "membership", "kind", "lacking"]
        form = FilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Gaps in designations are the secretariat's business; others filter by what they can see.
        user = getattr(self.request, "user", None)
        if user is None or not permissions.is_secretariat(user):
            self.filters.pop("lacking")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(acronym__icontains=value) | Q(name_en__icontains=value)
                               | Q(name_ar__icontains=value) | Q(name_fr__icontains=value))

    def only_lacking(self, queryset, name, value):
        if not value:
            return queryset
        # has_focal_point / has_alternate are annotated by selectors.agency_list_for_user.
        return queryset.exclude(membership=Membership.FORMER).filter(Q(has_focal_point=False)
                                                                     | Q(has_alternate=False))


PERSON_ROLE_CHOICES = [
    *((r.value or "none", r.label) for r in Role),
    ("focal_point", _("Current focal point")),
    ("alternate", _("Current alternate")),
]
STATUS_CHOICES = [
    ("active", _("Active")),
    ("invited", _("Invited, no password yet")),
    ("inactive", _("Deactivated")),
]


class PersonFilter(django_filters.FilterSet):
    q = search_filter()
    role = django_filters.ChoiceFilter(label=_("Role"), choices=PERSON_ROLE_CHOICES, method="by_role",
                                       empty_label=ALL)
    agency = django_filters.ModelChoiceFilter(label=_("Agency"), queryset=Agency.objects.order_by("acronym"),
                                              empty_label=ALL)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=STATUS_CHOICES, method="by_status",
                                         empty_label=ALL)

    class Meta:
        form = FilterForm

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(email__icontains=value) | Q(first_name__icontains=value)
                               | Q(last_name__icontains=value) | Q(job_title__icontains=value))

    def by_role(self, queryset, name, value):
        if value in (DesignationRole.FOCAL_POINT, DesignationRole.ALTERNATE):
            ids = Designation.objects.current().filter(role=value).values("person_id")
            return queryset.filter(pk__in=ids)
        return queryset.filter(role="" if value == "none" else value)

    def by_status(self, queryset, name, value):
        if value == "inactive":
            return queryset.filter(is_active=False)
        if value == "invited":
            # An unusable password starts with "!" (Django's UNUSABLE_PASSWORD_PREFIX).
            return queryset.filter(is_active=True, password__startswith="!")
        return queryset.filter(is_active=True)


class JoinRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=JoinRequestStatus.choices, empty_label=ALL)

    class Meta:
        form = FilterForm
