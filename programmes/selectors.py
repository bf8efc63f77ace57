"""Reads for the programmes app. Every object is fetched through the user."""

from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from members import permissions as member_permissions
from members.models import Agency
from programmes import finder, permissions
from programmes.choices import ActivityStatus, PracticeStatus
from programmes.models import Activity, ActivityImport, GoodPractice, Participation, PriorityArea, SynergyReview
from rwg_portal import reference, translated
from rwg_portal.reference import Theme
from rwg_portal.refusals import role_refusal

# Activities that count as "work going on" in the coverage matrix.
LIVE_STATUSES = (ActivityStatus.PIPELINE, ActivityStatus.ONGOING)


def _participations():
    return Prefetch("participations", queryset=Participation.objects.select_related("agency"))


# Activities ---------------------------------------------------------------


def activity_list_for_user(user) -> QuerySet[Activity]:
    """The whole catalogue for people with a portal role, nothing for anyone else."""
    if not permissions.can_view_catalogue(user):
        return Activity.objects.none()
    return Activity.objects.select_related("lead_agency").prefetch_related(_participations())


def activity_get_for_user(user, pk, *, write: bool = False) -> Activity:
    """The activity ``pk``; 403 if the user may not see (or edit) it, 404 if it does not exist."""
    if not permissions.can_view_catalogue(user):
        raise role_refusal(user)
    try:
        activity = activity_list_for_user(user).prefetch_related(
            "indicators", "attachments", "priority_areas"
        ).get(pk=pk)
    except (Activity.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not permissions.can_edit_activity(user, activity):
        raise permissions.activity_edit_refusal(activity)
    return activity


def activities_for_agency(agency: Agency) -> QuerySet[Activity]:
    """Activities an agency leads or takes part in (what its focal point keeps current)."""
    return (
        Activity.objects.filter(Q(lead_agency=agency) | Q(participations__agency=agency))
        .distinct()
        .select_related("lead_agency")
        .order_by("pk")
    )


def agencies_user_may_lead_for(user) -> QuerySet[Agency]:
    if member_permissions.is_secretariat(user):
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=member_permissions.represented_agency_ids(user))


def agency_get_for_bulk_update(user, pk) -> Agency:
    try:
        agency = Agency.objects.get(pk=pk)
    except (Agency.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not permissions.can_bulk_update(user, agency.pk):
        raise permissions.bulk_update_refusal(agency)
    return agency


def activity_import_get_for_user(user, pk) -> ActivityImport:
    try:
        job = ActivityImport.objects.select_related("agency").get(pk=pk)
    except (ActivityImport.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not permissions.can_bulk_update(user, job.agency_id):
        raise permissions.bulk_update_refusal(job.agency)
    return job


# Coverage matrix ------------------------------------------------------------


def coverage_matrix(user) -> dict:
    """Country x theme: which agencies work where, and which priority areas nobody covers.

    A fixed number of queries whatever the catalogue size: the live activities' codes and
    agencies, the participations, the priority areas, the agencies.
    """
    if not permissions.can_view_catalogue(user):
        raise PermissionDenied
    acronyms = dict(Agency.objects.values_list("pk", "acronym"))
    rows = list(Activity.objects.filter(status__in=LIVE_STATUSES).values_list("pk", "lead_agency_id", "countries",
                                                                               "themes"))
    partners = defaultdict(set)
    for activity_id, agency_id in Participation.objects.filter(activity__status__in=LIVE_STATUSES).values_list(
        "activity_id", "agency_id"
    ):
        partners[activity_id].add(agency_id)
    cells: dict[tuple[str, str], dict] = defaultdict(lambda: {"agencies": set(), "activities": 0, "priorities": []})
    for activity_id, lead_id, countries, themes in rows:
        agencies = {lead_id, *partners[activity_id]}
        for place in countries:
            for theme in themes:
                cell = cells[(place, theme)]
                cell["agencies"] |= agencies
                cell["activities"] += 1
    for area in PriorityArea.objects.all():
        cells[(area.place, area.theme)]["priorities"].append(area)
    themes = list(Theme.choices)
    table, uncovered = [], []
    for place in reference.PLACE_CODES:
        row = []
        for theme, _label in themes:
            cell = cells.get((place, theme)) or {"agencies": set(), "activities": 0, "priorities": []}
            names = sorted(acronyms.get(pk, "?") for pk in cell["agencies"])
            gap = bool(cell["priorities"]) and not names
            row.append({"theme": theme, "agencies": names, "activities": cell["activities"],
                        "priorities": cell["priorities"], "gap": gap})
            if gap:
                uncovered.extend(cell["priorities"])
        table.append({"place": place, "name": reference.place_name(place), "cells": row})
    return {"themes": themes, "rows": table, "uncovered": uncovered}


# Priority areas -----------------------------------------------------------


def priority_area_list_for_user(user) -> QuerySet[PriorityArea]:
    if not permissions.can_view_catalogue(user):
        return PriorityArea.objects.none()
    return PriorityArea.objects.all()


def priority_area_get_for_user(user, pk, *, write: bool = False) -> PriorityArea:
    if not permissions.can_view_catalogue(user):
        raise PermissionDenied
    try:
        area = PriorityArea.objects.get(pk=pk)
    except (PriorityArea.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not permissions.can_manage_priority_areas(user):
        raise PermissionDenied
    return area


# Synergy reviews ------------------------------------------------------------


FINDER_STATUSES = (ActivityStatus.PIPELINE, ActivityStatus.ONGOING)


def finder_items(*, ids=None) -> list[finder.Item]:
    """Current activities (pipeline and ongoing) as the finder needs them: two queries."""
    activities = Activity.objects.filter(status__in=FINDER_STATUSES)
    participations = Participation.objects.filter(activity__status__in=FINDER_STATUSES)
    if ids is not None:
        activities = activities.filter(pk__in=ids)
        participations = participations.filter(activity_id__in=ids)
    partners = defaultdict(set)
    for activity_id, agency_id in participations.values_list("activity_id", "agency_id"):
        partners[activity_id].add(agency_id)
    return [
        finder.Item(id=pk, agencies=frozenset({lead, *partners[pk]}), countries=tuple(countries),
                    themes=tuple(themes), starts_on=starts_on, ends_on=ends_on)
        for pk, lead, countries, themes, starts_on, ends_on in activities.values_list(
            "pk", "lead_agency_id", "countries", "themes", "starts_on", "ends_on")
    ]


def activities_by_id(ids) -> dict[int, Activity]:
    """The finder page's activities with their agencies, in two queries."""
    return Activity.objects.select_related("lead_agency").prefetch_related(_participations()).in_bulk(list(ids))


def reviews_by_pair() -> dict[tuple[int, int], SynergyReview]:
    return {(r.activity_a_id, r.activity_b_id): r for r in SynergyReview.objects.select_related("reviewed_by")}


# Good practices -----------------------------------------------------------


def recent_imports(user, limit: int = 10) -> list[ActivityImport]:
    agencies = agencies_user_may_lead_for(user)
    return list(ActivityImport.objects.filter(agency__in=agencies).select_related("agency", "uploaded_by")[:limit])


def public_activity_list() -> QuerySet[Activity]:
    """The activities their lead agency (or the secretariat) published, for anyone: only the fields the public
    pages show (title, summary, dates, status, countries), never the budget, funding or contacts."""
    return (Activity.objects.filter(public=True).select_related("lead_agency")
            .only("lead_agency__acronym", *translated.columns("title"), *translated.columns("summary"), "kind",
                  "countries", "starts_on", "ends_on", "status", "public", "lead_agency_id"))


def public_activity_list_of(agency) -> QuerySet[Activity]:
    """The published activities an agency leads or takes part in (its public page), newest first."""
    return (public_activity_list().filter(Q(lead_agency=agency) | Q(participations__agency=agency))
            .distinct().order_by("-starts_on", "pk"))


def practice_list_published() -> QuerySet[GoodPractice]:
    return GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED).select_related("agency")


def practice_list_for_user(user) -> QuerySet[GoodPractice]:
    """Published practices, plus the user's agencies' unpublished ones (all of them for the secretariat)."""
    queryset = GoodPractice.objects.select_related("agency")
    if member_permissions.is_secretariat(user):
        return queryset
    return queryset.filter(
        Q(status=PracticeStatus.PUBLISHED) | Q(agency_id__in=member_permissions.represented_agency_ids(user))
    )


def practices_awaiting_validation() -> QuerySet[GoodPractice]:
    return GoodPractice.objects.filter(status=PracticeStatus.SUBMITTED).select_related("agency")


def practice_get_for_user(user, pk, *, write: bool = False) -> GoodPractice:
    """A practice as the user may see it; 403 for an unpublished one of another agency."""
    try:
        practice = GoodPractice.objects.select_related("agency", "activity").get(pk=pk)
    except (GoodPractice.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not permissions.can_view_practice(user, practice):
        raise PermissionDenied
    if write and not permissions.can_edit_practice(user, practice):
        raise PermissionDenied
    return practice


# Governments' recommendations (Cairo 2013 and after) -------------------------------


def recommendation_list_for_user(user) -> QuerySet:
    """The register as the user may read it, each recommendation with how many activities respond."""
    from django.db.models import Count

    from programmes.models import GovernmentRecommendation

    if not permissions.can_view_recommendations(user):
        return GovernmentRecommendation.objects.none()
    return GovernmentRecommendation.objects.select_related("status_reviewed_by").annotate(
        response_count=Count("activities", distinct=True))


def recommendation_get_for_user(user, pk, *, write: bool = False):
    """One recommendation with the activities responding (lead agency, partners); ``write``: the secretariat's."""
    from programmes.models import GovernmentRecommendation

    if not permissions.can_view_recommendations(user):
        raise role_refusal(user)
    if write and not permissions.can_manage_recommendations(user):
        raise PermissionDenied
    try:
        return GovernmentRecommendation.objects.select_related("status_reviewed_by").prefetch_related(
            Prefetch("activities", queryset=Activity.objects.select_related("lead_agency").prefetch_related(
                "participations__agency").order_by("-starts_on", "pk")),
        ).get(pk=pk)
    except (GovernmentRecommendation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def recommendation_coverage(user) -> dict:
    """Which recommendations have no response (no activity or joint programme linked), and by theme
    how many are answered. Three queries whatever the size of the register."""
    from django.db.models import Count

    from programmes.models import GovernmentRecommendation

    if not permissions.can_view_recommendations(user):
        raise role_refusal(user)
    rows = list(GovernmentRecommendation.objects.values("theme").annotate(
        total=Count("pk", distinct=True),
        answered=Count("pk", filter=Q(activities__isnull=False), distinct=True)).order_by("theme"))
    labels = dict(Theme.choices)
    by_theme = [{"theme": labels.get(row["theme"], row["theme"]), "total": row["total"],
                 "answered": row["answered"], "unanswered": row["total"] - row["answered"]} for row in rows]
    unanswered = GovernmentRecommendation.objects.filter(activities__isnull=True).select_related(
        "status_reviewed_by").order_by("-made_on", "forum", "reference", "pk")
    return {"by_theme": by_theme, "unanswered": unanswered}
