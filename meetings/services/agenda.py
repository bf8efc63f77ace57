"""The agenda of a meeting: standard opening items, adding, editing, moving and removing items."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from meetings.choices import OPEN_ACTION_STATUSES, AgendaItemKind, MeetingKind, MeetingStatus
from meetings.models import ActionItem, AgendaItem, Meeting, MinutesSection
from meetings.services.changes import change_recipients, meeting_change_record
from members.models import User
from rwg_portal import translated

# ``title`` is translated (rwg_portal/translated.py): given as {"en": ..., "ar": ..., "fr": ...}, as a string in
# the item's ``language``, or as its columns (``title_en``...; what AgendaItemForm's cleaned data holds).
AGENDA_FIELDS = ("language", "title", *translated.columns("title"), "description", "presenting_agency",
                 "duration_minutes")


def _apply(item: AgendaItem, data: dict) -> None:
    for field in AGENDA_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field == "title":
            translated.assign(item, "title", value if isinstance(value, dict) else {item.language: value})
        else:
            setattr(item, field, value.strip() if field.startswith("title_") else value)


def _state(item: AgendaItem) -> tuple:
    """What the invitees are told about when it changes: the texts, the presenter, the duration."""
    return (*(getattr(item, column) for column in translated.columns("title")), item.language, item.description,
            item.presenting_agency_id, item.duration_minutes)


def original_title(item: AgendaItem) -> str:
    """The title as written (its original language), as the change records keep it."""
    return translated.shown(item, "title", item.language).text


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The last meeting held before this one: its minutes are the ones to approve."""
    return (
        Meeting.objects.filter(status=MeetingStatus.HELD, starts_at__lt=meeting.starts_at)
        .exclude(pk=meeting.pk)
        .order_by("-starts_at")
        .first()
    )


def open_action_items_before(meeting: Meeting):
    """Action items of earlier meetings that are still open or in progress."""
    return ActionItem.objects.filter(status__in=OPEN_ACTION_STATUSES, meeting__starts_at__lt=meeting.starts_at)


def _next_position(meeting: Meeting) -> int:
    return (meeting.agenda_items.aggregate(n=Max("position"))["n"] or 0) + 1


def _renumber(meeting: Meeting) -> None:
    """Positions 1, 2, 3... in the current order (after a removal or a move)."""
    for position, item in enumerate(meeting.agenda_items.order_by("position", "pk"), start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def minutes_approval_title(minutes_of: Meeting) -> str:
    """The stored title of the standing first item, in English (the Group's working language);
    pages show ``AgendaItem.display_title``, translated and derived from ``minutes_of``."""
    return f"Approval of the minutes of {minutes_of.reference}"


def _system_title(kind: str, minutes_of: Meeting | None = None) -> str:
    """Titles of the standard items, stored in English (the Group's working language)."""
    if kind == AgendaItemKind.MINUTES_APPROVAL:
        return minutes_approval_title(minutes_of)
    return "Follow-up of the action items of earlier meetings"


def _discussed(item: AgendaItem) -> bool:
    """An item with minutes or decisions is part of the record: it stays."""
    return item.decisions.exists() or MinutesSection.objects.filter(agenda_item=item).exclude(text="").exists()


@transaction.atomic
def agenda_refresh_minutes_approval(*, meeting: Meeting, by: User | None) -> AgendaItem | None:
    """Make a regular meeting's standing first item name the last meeting held before it.

    Added (first on the agenda) when such a meeting now exists, pointed at another meeting
    when meetings were added, moved or held, removed when none is left (unless it already
    has minutes or decisions). Returns the item, or None when the agenda has none.
    """
    item = meeting.agenda_items.filter(kind=AgendaItemKind.MINUTES_APPROVAL).first()
    if meeting.kind != MeetingKind.REGULAR:
        return item
    previous = previous_meeting(meeting)
    if item is None:
        if previous is None:
            return None
        item = AgendaItem(meeting=meeting, position=0, kind=AgendaItemKind.MINUTES_APPROVAL, language="en",
                          title_en=minutes_approval_title(previous), minutes_of=previous, duration_minutes=10)
        item.full_clean()
        item.save()
        _renumber(meeting)
        item.refresh_from_db()
        return item
    if previous is None:
        if _discussed(item):
            return item
        item.delete()
        _renumber(meeting)
        return None
    if item.minutes_of_id != previous.pk or item.title_en != minutes_approval_title(previous):
        item.minutes_of = previous
        item.title_en = minutes_approval_title(previous)
        item._change_reason = f"minutes to approve: {previous.reference}"
        item.save(update_fields=["minutes_of", "title_en"])
    return item


def agenda_refresh_minutes_approvals(*, after, by: User | None, exclude: Meeting | None = None) -> None:
    """Bring the standing first item up to date on every meeting still to come that starts at
    or after ``after`` (held meetings keep theirs: their agenda is the record)."""
    upcoming = Meeting.objects.filter(
        kind=MeetingKind.REGULAR, status__in=(MeetingStatus.PLANNED, MeetingStatus.POSTPONED), starts_at__gte=after
    ).exclude(pk=exclude.pk if exclude else None).order_by("starts_at", "pk")
    for meeting in upcoming:
        agenda_refresh_minutes_approval(meeting=meeting, by=by)


@transaction.atomic
def agenda_prepare(*, meeting: Meeting, by: User | None) -> list[AgendaItem]:
    """Open a regular meeting's agenda with the approval of the previous minutes, then (any
    meeting) the open action items of earlier meetings carried over for follow-up."""
    created = []
    had_item = meeting.agenda_items.filter(kind=AgendaItemKind.MINUTES_APPROVAL).exists()
    item = agenda_refresh_minutes_approval(meeting=meeting, by=by)
    if item is not None and not had_item:
        created.append(item)
    follow_up = agenda_refresh_follow_up(meeting=meeting, by=by)
    if follow_up is not None:
        created.append(follow_up)
    return created


@transaction.atomic
def agenda_refresh_follow_up(*, meeting: Meeting, by: User | None) -> AgendaItem | None:
    """Take a fresh snapshot of the open action items of earlier meetings onto the agenda."""
    items = list(open_action_items_before(meeting).values_list("pk", flat=True))
    follow_up = meeting.agenda_items.filter(kind=AgendaItemKind.ACTION_FOLLOW_UP).first()
    if follow_up is None:
        if not items:
            return None
        follow_up = AgendaItem(meeting=meeting, position=_next_position(meeting),
                               kind=AgendaItemKind.ACTION_FOLLOW_UP, language="en",
                               title_en=_system_title(AgendaItemKind.ACTION_FOLLOW_UP), duration_minutes=15)
        follow_up.full_clean()
        follow_up.save()
    follow_up.follow_up_items.set(items)
    return follow_up


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, data: dict, by: User | None) -> AgendaItem:
    """Add an item at the end of the agenda."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)  # one position at a time per meeting
    item = AgendaItem(meeting=meeting, position=_next_position(meeting), kind=AgendaItemKind.ITEM)
    _apply(item, data)
    item.full_clean()
    item.save()
    meeting_change_record(meeting=meeting, changes=[{"field": "agenda", "kind": "added", "old": "",
                                                     "new": original_title(item)}], by=by, bump_sequence=True)
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, data: dict, by: User | None) -> AgendaItem:
    """Change an item; once the invitations went out, the invitees are told (old and new title)."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    # As stored: a ModelForm has already written the new values into the instance it was given.
    item = AgendaItem.objects.get(pk=item.pk)
    before = _state(item)
    old_title = original_title(item)
    _apply(item, data)
    item.full_clean()
    item.save()
    if _state(item) != before:
        meeting_change_record(meeting=meeting, changes=[{"field": "agenda", "kind": "changed", "old": old_title,
                                                         "new": original_title(item)}], by=by, bump_sequence=True)
    return item


def agenda_change_invitations(meeting: Meeting):
    """The invitations whose invitees are told when the agenda changes: they received the agenda
    with their invitation (and have the meeting in their calendar)."""
    return change_recipients(meeting)


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by: User | None) -> int:
    """Remove an item; its papers stay with the meeting. An item with minutes or decisions stays.

    Once invitations were sent, every invitee is e-mailed the change (the view asks the
    secretariat to confirm first). Returns how many invitees are told.
    """
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if item.decisions.exists() or (hasattr(item, "minutes") and item.minutes.text.strip()):
        raise ValidationError(_("This item has minutes or decisions; it cannot be removed."))
    removed_title = original_title(item)
    item.delete()
    _renumber(meeting)
    told = agenda_change_invitations(meeting).count()
    meeting_change_record(meeting=meeting, changes=[{"field": "agenda", "kind": "removed", "old": removed_title,
                                                     "new": ""}], by=by, bump_sequence=True)
    return told


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: int, by: User | None) -> None:
    """Swap the item with its neighbour above (direction -1) or below (+1)."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _renumber(meeting)
    ordered = list(meeting.agenda_items.order_by("position", "pk"))
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    target = index + (1 if direction > 0 else -1)
    if not 0 <= target < len(ordered):
        return
    first, second = ordered[index], ordered[target]
    first.position, second.position = second.position, first.position
    first.save(update_fields=["position"])
    second.save(update_fields=["position"])
    meeting_change_record(meeting=meeting, changes=[{"field": "agenda", "kind": "moved", "old": "", "new": ""}],
                          by=by, bump_sequence=True)
