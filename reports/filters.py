"""The library's list filters: type, year, agency, country, topic (GCM objective or SDG target), language."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from members.models import Agency
from reports.choices import LibraryKind, LibraryLanguage
from reports.models import LibraryItem, LibraryTag
from rwg_portal.filters import FilterForm
from rwg_portal.translated import contains


def _countries():
    from rwg_portal import reference

    return [(code, reference.place_name(code)) for code in reference.ARAB_STATE_CODES]


def topic_choices():
    """GCM objectives then SDG targets, as one list grouped by framework (values ``gcm-5``, ``sdg-10.7``)."""
    from rwg_portal import reference

    return [
        (_("GCM objectives"), [(f"gcm-{number}", label) for number, label in reference.GCM_CHOICES]),
        (_("SDG targets"), [(f"sdg-{code}", label) for code, label in reference.SDG_CHOICES]),
    ]


def _years():
    from reports.selectors import library_year_choices

    return [(str(year), str(year)) for year in library_year_choices()]


class LibraryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Words"), method="filter_text")
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=LibraryKind.choices, empty_label=_("All types"))
    year = django_filters.ChoiceFilter(label=_("Year"), choices=_years, method="filter_year",
                                      empty_label=_("All years"))
    agency = django_filters.ModelChoiceFilter(label=_("Agency"), queryset=Agency.objects.order_by("acronym"),
                                              method="filter_agency", empty_label=_("All agencies"))
    country = django_filters.ChoiceFilter(label=_("Country"), choices=_countries, method="filter_country",
                                          empty_label=_("All countries"))
    topic = django_filters.ChoiceFilter(label=_("Topic"), choices=topic_choices, method="filter_topic",
                                        empty_label=_("All topics"))
    language = django_filters.ChoiceFilter(label=_("Language"), choices=LibraryLanguage.choices,
                                           empty_label=_("All languages"))

    class Meta:
        model = LibraryItem
        fields = ["q", "kind", "year", "agency", "country", "topic", "language"]
        form = FilterForm

    def filter_text(self, queryset, name, value):
        for word in value.split()[:8]:
            queryset = queryset.filter(contains("title", word) | contains("abstract", word))
        return queryset

    def filter_year(self, queryset, name, value):
        return queryset.filter(year=int(value))

    def filter_agency(self, queryset, name, value):
        return queryset.filter(Q(agency=value) | Q(partner_agencies=value)).distinct()

    def filter_country(self, queryset, name, value):
        return queryset.filter(Exists(LibraryTag.objects.filter(item=OuterRef("pk"), dimension=LibraryTag.COUNTRY,
                                                                code=value)))

    def filter_topic(self, queryset, name, value):
        dimension, _sep, code = value.partition("-")
        return queryset.filter(Exists(LibraryTag.objects.filter(item=OuterRef("pk"), dimension=dimension, code=code)))
