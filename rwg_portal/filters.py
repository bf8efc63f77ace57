"""What the lists' filters share (django-filter), and the security log's filters."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from rwg_portal.forms import StyledFormMixin
from rwg_portal.models import SecurityEvent


class FilterForm(StyledFormMixin, forms.Form):
    """Filter forms get the same Bootstrap classes as the portal's other forms."""


class SecurityEventFilter(django_filters.FilterSet):
    """The security log: by kind of event and by account (part of the e-mail address)."""

    kind = django_filters.ChoiceFilter(label=_("Event"), choices=SecurityEvent.Kind.choices,
                                       empty_label=_("All events"))
    email = django_filters.CharFilter(label=_("Account"), lookup_expr="icontains")

    class Meta:
        model = SecurityEvent
        fields = ["kind", "email"]
        form = FilterForm
