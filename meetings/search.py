"""What the portal-wide search finds in the meetings app, each kind with who may see it.

``visible`` uses this app's selectors, so a result appears exactly when its page would open.
Texts are indexed as typed (their language is guessed from the script); see docs/search.md.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from meetings import permissions, selectors
from meetings.models import ActionItem, AgendaItem, Decision, Document, DocumentVersion, Meeting, MinutesSection
from rwg_portal.registry import SearchEntry, SearchSource, register_search
from rwg_portal.translated import columns, search_texts


def _titles(item: AgendaItem) -> str:
    """An agenda item's title in every language it has, so that each finds the meeting."""
    return " / ".join(dict.fromkeys(t for t in (getattr(item, c) for c in columns("title")) if t.strip()))


def _meeting(meeting: Meeting) -> SearchEntry:
    agenda = meeting.agenda_items.order_by("position", "pk")
    body = "\n".join([meeting.venue, meeting.city, meeting.status_note,
                      *(f"{_titles(item)}\n{item.description}" for item in agenda)])
    title = " ".join(filter(None, [meeting.reference, meeting.title]))
    facets = {"year": [meeting.year], "agency": [meeting.chair_agency.acronym] if meeting.chair_agency_id else []}
    return SearchEntry(url=reverse("meetings:meeting_detail", args=[meeting.pk]), texts={"": (title, body)},
                       facets=facets)


def _minutes(meeting: Meeting) -> SearchEntry | None:
    sections = MinutesSection.objects.filter(agenda_item__meeting=meeting).select_related("agenda_item")
    body = "\n".join(f"{_titles(section.agenda_item)}\n{section.text}" for section in sections if section.text.strip())
    if not body:
        return None
    title = " ".join(filter(None, [meeting.reference, meeting.title]))
    return SearchEntry(url=reverse("meetings:minutes", args=[meeting.pk]), texts={"": (title, body)},
                       facets={"year": [meeting.year]})


def _decision(decision: Decision) -> SearchEntry:
    meeting = decision.meeting
    return SearchEntry(url=reverse("meetings:meeting_detail", args=[meeting.pk]) + "#decisions",
                       texts=search_texts(decision, "text", title=decision.reference), facets={"year": [meeting.year]})


def _action_item(item: ActionItem) -> SearchEntry:
    return SearchEntry(url=reverse("meetings:action_item_detail", args=[item.pk]),
                       texts={"": (f"{item.reference}: {item.title}", f"{item.description}\n{item.progress_note}")},
                       facets={"year": [item.meeting.year], "agency": [item.owner_agency.acronym]})


def _document(document: Document) -> SearchEntry:
    latest = document.versions.order_by("-number").first()
    return SearchEntry(url=reverse("meetings:document_detail", args=[document.pk]),
                       texts={"": (document.title, latest.text if latest else "")},
                       facets={"year": [document.meeting.year]})


def _public_url(meeting: Meeting) -> str:
    # The public pages live under a language prefix; the index keeps one address, in the default language
    # (each page offers the others).
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("meetings_public:meeting", args=[meeting.pk])


def _public_meeting(meeting: Meeting) -> SearchEntry:
    """What the public calendar shows of a meeting: reference, title, place, and the summary once published.
    Never the agenda, papers, minutes or video link."""
    title = " ".join(filter(None, [meeting.reference, meeting.title]))
    body = "\n".join(filter(None, [meeting.city, selectors.public_summary(meeting)]))
    return SearchEntry(url=_public_url(meeting), texts={"": (title, body)}, facets={"year": [meeting.year]})


def _public_decision(decision: Decision) -> SearchEntry | None:
    """A decision as its meeting's public page shows it: only once published (kept out of the index before)."""
    if not selectors.public_decision_list().filter(pk=decision.pk).exists():
        return None
    meeting = decision.meeting
    return SearchEntry(url=_public_url(meeting) + "#decisions",
                       texts=search_texts(decision, "text", title=decision.reference), facets={"year": [meeting.year]})


def _with_minutes():
    """Meetings whose minutes have some text (``_minutes`` indexes no other; a text of blanks only is looked at
    again at each start, the rule being that much wider)."""
    return Meeting.objects.filter(Exists(MinutesSection.objects.filter(agenda_item__meeting=OuterRef("pk"))
                                         .exclude(text="")))


def _for_the_public(queryset):
    """Public pages for those outside the Group (members find the same records through their own pages)."""
    return lambda user: queryset().none() if permissions.can_view_meetings(user) else queryset()


def _decisions_of(meeting: Meeting):
    return Decision.objects.filter(meeting_id=meeting.pk).values_list("pk", flat=True)


def _action_item_list(user):
    return selectors.action_item_list_for_user(user)


def register() -> None:
    register_search(SearchSource(
        key="meetings.meeting", label=_("Meetings"), model=Meeting, visible=selectors.meeting_list_for_user,
        entry=_meeting, follows=((AgendaItem, lambda item: [item.meeting_id]),), order=10,
    ))
    register_search(SearchSource(
        key="meetings.minutes", label=_("Minutes"), model=Meeting, visible=selectors.minutes_list_for_user,
        entry=_minutes, indexable=_with_minutes, follows=(
            (MinutesSection, lambda section: AgendaItem.objects.filter(pk=section.agenda_item_id)
             .values_list("meeting_id", flat=True)),
            (AgendaItem, lambda item: [item.meeting_id]),
        ), order=11,
    ))
    register_search(SearchSource(
        key="meetings.decision", label=_("Decisions"), model=Decision, visible=selectors.decision_list_for_user,
        entry=_decision, order=12,
    ))
    register_search(SearchSource(
        key="meetings.public_meeting", label=_("Meetings"), model=Meeting,
        visible=_for_the_public(lambda: Meeting.objects.all()), entry=_public_meeting, order=15,
    ))
    register_search(SearchSource(
        key="meetings.public_decision", label=_("Decisions"), model=Decision,
        visible=_for_the_public(selectors.public_decision_list), entry=_public_decision,
        indexable=selectors.public_decision_list,
        follows=((Meeting, _decisions_of),), order=16,
    ))
    register_search(SearchSource(
        key="meetings.action_item", label=_("Action items"), model=ActionItem, visible=_action_item_list,
        entry=_action_item, order=13,
    ))
    register_search(SearchSource(
        key="meetings.document", label=_("Meeting papers"), model=Document, visible=selectors.document_list_for_user,
        entry=_document, follows=((DocumentVersion, lambda version: [version.document_id]),), order=14,
    ))
