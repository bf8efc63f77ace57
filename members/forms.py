from django import forms

from members.models import Agency
from rwg_portal.forms import StyledFormMixin


class AgencyContactForm(StyledFormMixin, forms.ModelForm):
    """What a focal point keeps current about their agency."""

    class Meta:
        model = Agency
        fields = ["website", "email", "phone", "address", "office_city", "office_city_other"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
