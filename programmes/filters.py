"""Filter sets for the activity list (and its exports) and the public good-practice list."""

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from members.models import Agency
from programmes.choices import ActivityKind, ActivityStatus, RecommendationStatus
from programmes.models import (
    Activity,
    ActivityTag,
    GoodPractice,
    GoodPracticePlace,
    GovernmentRecommendation,
    Participation,
)
from rwg_portal import reference
from rwg_portal.filters import FilterForm
from rwg_portal.reference import Theme
from rwg_portal.translated import contains


def _tagged(dimension: str, code: str):
    return Exists(ActivityTag.objects.filter(activity=OuterRef("pk"), dimension=dimension, code=code))


class ActivityFilter(django_filters.FilterSet):
    """Agency (lead or participant), country, theme, kind, status, year active, and text search."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    agency = django_filters.ModelChoiceFilter(label=_("Agency"), queryset=Agency.objects.all(),
                                              method="filter_agency", empty_label=_("All agencies"))
    country = django_filters.ChoiceFilter(label=_("Country or area"), choices=reference.place_choices,
                                          method="filter_country", empty_label=_("All countries and areas"))
    theme = django_filters.ChoiceFilter(label=_("Theme"), choices=Theme.choices, method="filter_theme",
                                        empty_label=_("All themes"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ActivityKind.choices, empty_label=_("All kinds"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActivityStatus.choices,
                                         empty_label=_("All statuses"))
    year = django_filters.NumberFilter(label=_("Active in year"), method="filter_year", min_value=1990,
                                       max_value=2100)
    joint = django_filters.BooleanFilter(label=_("Joint programmes only"), method="filter_joint",
                                         widget=forms.CheckboxInput)

    class Meta:
        model = Activity
        fields = ["q", "agency", "country", "theme", "kind", "status", "year", "joint"]
        form = FilterForm

    def filter_text(self, queryset, name, value):
        words = value.split()
        for word in words[:8]:
            queryset = queryset.filter(
                Q(title_en__icontains=word) | Q(title_ar__icontains=word) | Q(title_fr__icontains=word)
                | Q(summary_en__icontains=word) | Q(summary_ar__icontains=word) | Q(summary_fr__icontains=word)
                | Q(iati_identifier__iexact=word)
            )
        return queryset

    def filter_agency(self, queryset, name, value):
        return queryset.filter(
            Q(lead_agency=value) | Exists(Participation.objects.filter(activity=OuterRef("pk"), agency=value))
        )

    def filter_country(self, queryset, name, value):
        return queryset.filter(_tagged(ActivityTag.COUNTRY, value))

    def filter_theme(self, queryset, name, value):
        return queryset.filter(_tagged(ActivityTag.THEME, value))

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(starts_on__lte=datetime.date(year, 12, 31)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=datetime.date(year, 1, 1))
        )

    def filter_joint(self, queryset, name, value):
        if value:
            return queryset.filter(Exists(Participation.objects.filter(activity=OuterRef("pk"))))
        return queryset


class GoodPracticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    agency = django_filters.ModelChoiceFilter(label=_("Agency"), queryset=Agency.objects.all(),
                                              empty_label=_("All agencies"))
    country = django_filters.ChoiceFilter(label=_("Country or area"), choices=reference.place_choices,
                                          method="filter_country", empty_label=_("All countries and areas"))
    theme = django_filters.ChoiceFilter(label=_("Theme"), choices=Theme.choices, empty_label=_("All themes"))

    class Meta:
        model = GoodPractice
        fields = ["q", "agency", "country", "theme"]
        form = FilterForm

    def filter_text(self, queryset, name, value):
        for word in value.split()[:8]:
            queryset = queryset.filter(contains("title", word) | contains("practice", word)
                                       | contains("evidence", word) | contains("lessons", word))
        return queryset

    def filter_country(self, queryset, name, value):
        return queryset.filter(Exists(GoodPracticePlace.objects.filter(practice=OuterRef("pk"), code=value)))


class RecommendationFilter(django_filters.FilterSet):
    """Theme, country concerned, status of implementation, and whether anything responds yet."""

    theme = django_filters.ChoiceFilter(label=_("Theme"), choices=Theme.choices, empty_label=_("All themes"))
    country = django_filters.ChoiceFilter(label=_("Country concerned"), method="filter_country",
                                          choices=lambda: [(c, reference.place_name(c))
                                                           for c in reference.ARAB_STATE_CODES],
                                          empty_label=_("All countries"))
    status = django_filters.ChoiceFilter(label=_("Status of implementation"), choices=RecommendationStatus.choices,
                                         empty_label=_("All statuses"))
    unanswered = django_filters.BooleanFilter(label=_("Without any response"), method="filter_unanswered",
                                              widget=forms.CheckboxInput)

    class Meta:
        model = GovernmentRecommendation
        fields = ["theme", "country", "status"]
        form = FilterForm

    def filter_country(self, queryset, name, value):
        # The codes are a JSON list; matching the quoted code works on PostgreSQL and SQLite alike.
        return queryset.filter(countries__icontains=f'"{value}"') if value else queryset

    def filter_unanswered(self, queryset, name, value):
        return queryset.filter(activities__isnull=True) if value else queryset
