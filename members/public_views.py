"""The Group in public: about the Group, its co-chairs and member agencies, and the contact form,
for anyone, in the language of the address (``/en/``, ``/ar/``, ``/fr/``); and the secretariat's pages
to read and answer the messages sent through the form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from members import ratelimit, selectors, services
from members.choices import ContactMessageStatus
from members.forms import ContactAnswerForm, ContactForm
from rwg_portal.shortcuts import paginate

# Messages from one address: enough for a person, too few for a robot (the same rule as the join form).
CONTACT_MESSAGES_PER_HOUR = 5


@login_not_required
@require_GET
def about(request):
    """The Group's purpose, functions and organisation (terms of reference), its co-chairs and members."""
    from programmes.selectors import practice_list_published

    return render(request, "members/public/about.html", {
        "co_chairs": selectors.public_current_co_chairs(),
        "groups": selectors.public_agencies_grouped(),
        "practice_count": practice_list_published().count(),
        "page_title": _("About the Group"),
        "meta_description": _("Purpose, functions, organisation, co-chairs and member agencies of the Working Group "
                              "on International Migration in the Arab Region."),
    })


@login_not_required
@require_GET
def co_chairs(request):
    """Every co-chair period, current and past, with its dates."""
    return render(request, "members/public/co_chairs.html", {
        "periods": selectors.public_co_chair_periods(), "page_title": _("Co-chairs"),
        "meta_description": _("The agencies that co-chair the Group and act as its secretariat, with their dates."),
    })


@login_not_required
@require_GET
def agencies(request):
    """The member agencies: core participants, other participants, former members."""
    return render(request, "members/public/agency_list.html", {
        "groups": selectors.public_agencies_grouped(), "page_title": _("Member agencies"),
        "meta_description": _("The core participants, other participants and former members of the Group."),
    })


@login_not_required
@require_GET
def agency(request, pk: int):
    """An agency's public page: what it does with the Group, the activities it published (led or joined), its
    published good practices and the activities they come from. No people, no e-mail addresses."""
    from programmes.selectors import practice_list_published, public_activity_list_of

    agency = selectors.public_agency_get(pk)
    practices = list(practice_list_published().filter(agency=agency).select_related("activity"))
    activities = list({p.activity_id: p.activity for p in practices if p.activity_id}.values())
    return render(request, "members/public/agency_detail.html", {
        "agency": agency, "practices": practices, "activities": activities,
        "public_activities": list(public_activity_list_of(agency)),
        "co_chair_periods": agency.co_chair_periods.order_by("-starts_on"),
        "page_title": agency.name, "meta_description": (agency.public_about or agency.name)[:300],
    })


@login_not_required
@require_http_methods(["GET", "POST"])
def contact(request):
    """The contact form: a message to the secretariat, answered in the visitor's language."""
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(request, "contact", limit=CONTACT_MESSAGES_PER_HOUR, period=3600):
            return render(request, "members/public/contact_limited.html", status=429)
        if not form.is_spam:  # a robot gets the same thanks, and nothing is saved
            services.contact_message_submit(data=form.cleaned_data)
        return redirect("members_public:contact_sent")
    return render(request, "members/public/contact.html", {
        "form": form, "page_title": _("Contact the secretariat"),
        "meta_description": _("Write to the secretariat of the Working Group; we answer in your language."),
    })


@login_not_required
@require_GET
def contact_sent(request):
    return render(request, "members/public/contact_sent.html")


# The secretariat's side ----------------------------------------------------


@login_required
@require_GET
def contact_messages(request):
    """Messages sent through the contact form, newest first; the new ones can be listed alone."""
    items = selectors.contact_message_list_for_user(request.user)
    status = request.GET.get("status", "")
    if status in ContactMessageStatus.values:
        items = items.filter(status=status)
    page = paginate(request, items)
    return render(request, "members/contact_message_list.html", {
        "page_obj": page, "status": status, "statuses": ContactMessageStatus.choices})


@login_required
@require_http_methods(["GET", "POST"])
def contact_message_detail(request, pk: int):
    """One message, and the form to answer it while it is new (the answer goes out by e-mail)."""
    contact = selectors.contact_message_get_for_user(request.user, pk)
    form = ContactAnswerForm(request.POST or None) if contact.status == ContactMessageStatus.NEW else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This message was already answered or closed."))
            return redirect("members:contact_message_detail", pk=contact.pk)
        if form.is_valid():
            try:
                services.contact_message_answer(contact=contact, answer=form.cleaned_data["answer"], by=request.user)
            except ValidationError as error:
                form.add_error("answer" if hasattr(error, "error_dict") else None,
                               error.error_dict.get("answer") if hasattr(error, "error_dict") else error)
            else:
                messages.success(request, _("Your answer was sent to %(email)s.") % {"email": contact.email})
                return redirect("members:contact_message_detail", pk=contact.pk)
    return render(request, "members/contact_message_detail.html", {"contact": contact, "form": form})


@login_required
@require_POST
def contact_message_close(request, pk: int):
    contact = selectors.contact_message_get_for_user(request.user, pk)
    try:
        services.contact_message_close(contact=contact, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The message was closed without an answer."))
    return redirect("members:contact_message_detail", pk=contact.pk)
