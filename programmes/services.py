"""Writes for the programmes app: keyword-only, validated, atomic.

The services check the rules a form cannot see (who may lead for which agency, which state a
good practice may move to) so that the admin, commands and the bulk update obey them too.
"""

from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Agency, User
from programmes import permissions
from programmes.choices import ImportState, PracticeStatus, status_for_dates
from programmes.models import (
    Activity,
    ActivityImport,
    ActivityTag,
    GoodPractice,
    GoodPracticePlace,
    Participation,
    PriorityArea,
    SynergyReview,
)
from rwg_portal import translated
from rwg_portal.uploads import original_name_of

# What a form or a spreadsheet row may set on an activity (the rest is bookkeeping).
ACTIVITY_FIELDS = (
    "lead_agency", "iati_identifier", "title_en", "title_ar", "title_fr", "summary_en", "summary_ar", "summary_fr",
    "kind", "themes", "target_groups", "countries", "starts_on", "ends_on", "status", "public", "budget", "currency",
    "funding_source", "funding_detail", "sdg_targets", "gcm_objectives", "gender_marker", "gender_justification",
    "human_rights_marker", "human_rights_justification",
)
# A translated text (GoodPractice.TEXTS) is given as {"en": ..., "ar": ..., "fr": ...} or as a string in the
# practice's language; its columns (``title_ar``) may also be given one by one.
PRACTICE_FIELDS = ("agency", "language", "countries", "theme", "activity", *GoodPractice.TEXTS,
                   *(column for name in GoodPractice.TEXTS for column in translated.columns(name)))


def _reindex_activity(activity: Activity) -> None:
    """Rebuild the derived country/theme index that list filters use."""
    ActivityTag.objects.filter(activity=activity).delete()
    ActivityTag.objects.bulk_create(
        [ActivityTag(activity=activity, dimension=ActivityTag.COUNTRY, code=code) for code in activity.countries]
        + [ActivityTag(activity=activity, dimension=ActivityTag.THEME, code=code) for code in activity.themes]
    )


@transaction.atomic
def activity_save(
    *,
    activity: Activity | None,
    fields: dict,
    by: User,
    priority_areas: Iterable[PriorityArea] | None = None,
    participants: Sequence[tuple[Agency, str]] | None = None,
    children: Sequence = (),
    reason: str = "",
) -> Activity:
    """Create (``activity=None``) or update an activity, its partners and its child formsets.

    ``participants`` replaces the list of participating agencies (None leaves it alone);
    ``children`` are bound, valid inline formsets (indicators, links and documents) saved in
    the same transaction.
    """
    creating = activity is None
    if creating:
        activity = Activity(created_by=by)
        if not permissions.can_create_activity(by):
            raise permissions.activity_create_refusal(by)
        if not fields.get("status") and fields.get("starts_on"):
            fields = {**fields, "status": status_for_dates(fields["starts_on"], fields.get("ends_on"),
                                                           timezone.localdate())}
    elif not permissions.can_edit_activity(by, activity):
        raise permissions.activity_edit_refusal(activity)
    whole = creating or permissions.can_edit_activity_core(by, activity)
    if not whole:
        _check_partner_changes(activity, fields, priority_areas, participants, by)
    old_lead = activity.lead_agency_id
    for name, value in fields.items():
        if name not in ACTIVITY_FIELDS:
            raise ValueError(f"{name} cannot be set on an activity")
        setattr(activity, name, value)
    # Moving the lead (or choosing it) is for the secretariat or the agencies concerned.
    lead_changes = creating or activity.lead_agency_id != old_lead
    if lead_changes and (
        not permissions.can_lead_for(by, activity.lead_agency_id)
        or (old_lead and not permissions.can_lead_for(by, old_lead))
    ):
        raise ValidationError({"lead_agency": _("You may record activities only for an agency you represent.")})
    activity.updated_at = timezone.now()
    activity.full_clean()
    activity._history_user = by
    if reason:
        activity._change_reason = reason
    activity.save()
    if priority_areas is not None:
        activity.priority_areas.set(priority_areas)
    if participants is not None:
        _set_participants(activity, participants, by)
    own_part = None if whole else min(permissions.partner_agency_ids(by, activity))
    for formset in children:
        formset.instance = activity
        for instance in formset.save(commit=False):
            if instance.pk is None:
                instance.agency_id = instance.agency_id or own_part
            _check_part(by, activity, instance)
            instance.activity = activity
            instance._history_user = by
            instance.full_clean()
            instance.save()
        for instance in formset.deleted_objects:
            _check_part(by, activity, instance)
            instance._history_user = by
            instance.delete()
    _reindex_activity(activity)
    return activity


def _check_partner_changes(activity, fields, priority_areas, participants, by) -> None:
    """A partner agency changes only its own participation's role; the rest is the lead's."""
    message = _("Only the lead agency or the secretariat changes this in a joint programme.")
    errors = {name: message for name, value in fields.items() if getattr(activity, name) != value}
    if priority_areas is not None and {a.pk for a in priority_areas} != {
            a.pk for a in activity.priority_areas.all()}:
        errors["priority_areas"] = message
    if participants is not None:
        own = permissions.partner_agency_ids(by, activity)
        existing = dict(Participation.objects.filter(activity=activity).values_list("agency_id", "role"))
        wanted = {agency.pk: role for agency, role in participants}
        if set(wanted) != set(existing) or any(wanted[a] != existing[a] for a in existing if a not in own):
            errors["__all__"] = _("Only the lead agency or the secretariat changes the list of partners; "
                                  "you may change your own agency's role.")
    if errors:
        raise ValidationError(errors)


def _check_part(by, activity, instance) -> None:
    """An indicator or document is changed or removed only by its agency, the lead or the secretariat."""
    original = type(instance).objects.filter(pk=instance.pk).values_list("agency_id", flat=True).first() \
        if instance.pk else instance.agency_id
    if not permissions.can_edit_part(by, activity, original):
        raise ValidationError(_("“%(title)s” belongs to another agency of the joint programme.")
                              % {"title": instance.title})


def _set_participants(activity: Activity, participants: Sequence[tuple[Agency, str]], by: User) -> None:
    """Make the participating agencies exactly ``participants``, keeping history of each change."""
    roles = {agency.pk: role for agency, role in participants}
    if activity.lead_agency_id in roles:
        raise ValidationError(_("The lead agency cannot also be a participating agency."))
    if len(roles) != len(participants):
        raise ValidationError(_("An agency is listed twice among the participating agencies."))
    existing = {p.agency_id: p for p in Participation.objects.filter(activity=activity)}
    for agency_id, participation in existing.items():
        participation._history_user = by
        if agency_id not in roles:
            participation.delete()
        elif participation.role != roles[agency_id]:
            participation.role = roles[agency_id]
            participation.full_clean()
            participation.save()
    for agency_id, role in roles.items():
        if agency_id not in existing:
            participation = Participation(activity=activity, agency_id=agency_id, role=role)
            participation._history_user = by
            participation.full_clean()
            participation.save()
    if hasattr(activity, "_prefetched_objects_cache"):
        activity._prefetched_objects_cache.pop("participations", None)


# Priority areas -----------------------------------------------------------


@transaction.atomic
def priority_area_save(*, area: PriorityArea | None, fields: dict, by: User) -> PriorityArea:
    if not permissions.can_manage_priority_areas(by):
        raise PermissionDenied
    area = area or PriorityArea(created_by=by)
    for name, value in fields.items():
        setattr(area, name, value)
    area.full_clean()
    area._history_user = by
    area.save()
    return area


@transaction.atomic
def priority_area_delete(*, area: PriorityArea, by: User) -> None:
    if not permissions.can_manage_priority_areas(by):
        raise PermissionDenied
    area._history_user = by
    area.delete()


# Synergy reviews ------------------------------------------------------------


@transaction.atomic
def synergy_review_set(*, first: Activity, second: Activity, verdict: str, note: str, by: User) -> SynergyReview:
    """Mark a pair as reviewed (or change the verdict); the pair is stored in id order."""
    if not permissions.can_review_synergies(by):
        raise PermissionDenied
    if first.pk == second.pk:
        raise ValidationError(_("A pair needs two different activities."))
    a, b = sorted((first, second), key=lambda activity: activity.pk)
    review = SynergyReview.objects.select_for_update().filter(activity_a=a, activity_b=b).first()
    review = review or SynergyReview(activity_a=a, activity_b=b)
    review.verdict, review.note, review.reviewed_by, review.reviewed_at = verdict, note, by, timezone.now()
    review.full_clean()
    review._history_user = by
    review.save()
    return review


@transaction.atomic
def synergy_review_clear(*, first: Activity, second: Activity, by: User) -> None:
    if not permissions.can_review_synergies(by):
        raise PermissionDenied
    a, b = sorted((first.pk, second.pk))
    for review in SynergyReview.objects.filter(activity_a_id=a, activity_b_id=b):
        review._history_user = by
        review.delete()


# Good practices -----------------------------------------------------------


def _reindex_practice(practice: GoodPractice) -> None:
    GoodPracticePlace.objects.filter(practice=practice).delete()
    GoodPracticePlace.objects.bulk_create([GoodPracticePlace(practice=practice, code=c) for c in practice.countries])


@transaction.atomic
def practice_save(*, practice: GoodPractice | None, fields: dict, by: User) -> GoodPractice:
    """Create or update a good practice; focal points only for their agency and before publication."""
    creating = practice is None
    practice = practice or GoodPractice(created_by=by)
    if not creating and not permissions.can_edit_practice(by, practice):
        raise PermissionDenied
    for name, value in fields.items():
        if name not in PRACTICE_FIELDS:
            raise ValueError(f"{name} cannot be set on a good practice")
        if name not in GoodPractice.TEXTS:
            setattr(practice, name, value)
    for name in GoodPractice.TEXTS:  # after ``language``, which a string is written in
        if name in fields:
            value = fields[name]
            translated.assign(practice, name, value if isinstance(value, dict) else {practice.language: value})
    if not permissions.can_lead_for(by, practice.agency_id):
        raise ValidationError({"agency": _("You may submit good practices only for an agency you represent.")})
    practice.full_clean()
    practice._history_user = by
    practice.save()
    _reindex_practice(practice)
    return practice


def _move(practice: GoodPractice, *, to: str, allowed_from: tuple, by: User, reason: str) -> GoodPractice:
    if practice.status not in allowed_from:
        raise ValidationError(_("This good practice cannot be moved from “%(status)s”.")
                              % {"status": practice.get_status_display()})
    practice.status = to
    practice.full_clean()
    practice._history_user = by
    practice._change_reason = reason
    practice.save()
    return practice


@transaction.atomic
def practice_submit(*, practice: GoodPractice, by: User) -> GoodPractice:
    if not permissions.can_edit_practice(by, practice):
        raise PermissionDenied
    practice.submitted_at = timezone.now()
    return _move(practice, to=PracticeStatus.SUBMITTED, allowed_from=(PracticeStatus.DRAFT, PracticeStatus.RETURNED),
                 by=by, reason="submitted for validation")


@transaction.atomic
def practice_publish(*, practice: GoodPractice, by: User) -> GoodPractice:
    if not permissions.can_validate_practices(by):
        raise PermissionDenied
    practice.published_at = timezone.now()
    return _move(practice, to=PracticeStatus.PUBLISHED, allowed_from=(PracticeStatus.SUBMITTED,), by=by,
                 reason="validated and published")


@transaction.atomic
def practice_return(*, practice: GoodPractice, note: str, by: User) -> GoodPractice:
    """Send a practice back to its agency with a note (also withdraws a published one)."""
    if not permissions.can_validate_practices(by):
        raise PermissionDenied
    if not note.strip():
        raise ValidationError({"review_note": _("Say what should change.")})
    practice.review_note = note
    practice.published_at = None
    return _move(practice, to=PracticeStatus.RETURNED,
                 allowed_from=(PracticeStatus.SUBMITTED, PracticeStatus.PUBLISHED), by=by, reason="returned")


# Bulk update ------------------------------------------------------------------


@transaction.atomic
def activity_import_upload(*, agency: Agency, upload, by: User) -> ActivityImport:
    """Check an uploaded sheet and keep it as a job row: ``failed`` with errors, or ``validated``
    with the changes it would make. Activities are not touched here."""
    from programmes import bulk
    from programmes.selectors import activities_for_agency

    if not permissions.can_bulk_update(by, agency.pk):
        raise PermissionDenied
    listed = activities_for_agency(agency).prefetch_related("participations")
    editable_ids = {activity.pk for activity in listed}
    # Joint programmes the agency only takes part in are listed, but their fields are the lead's.
    whole_ids = {activity.pk for activity in listed if permissions.can_edit_activity_core(by, activity)}
    result = bulk.validate_upload(upload, agency=agency, editable_ids=editable_ids, whole_ids=whole_ids)
    upload.seek(0)
    job = ActivityImport(
        agency=agency, uploaded_by=by, original_name=original_name_of(upload.name), rows=result.rows,
        errors=result.errors,
        changes=result.changes, state=ImportState.FAILED if result.errors else ImportState.VALIDATED,
    )
    job.file.save(job.original_name, upload, save=False)  # under a generated name (models._import_path)
    job._history_user = by
    job.save()
    return job


@transaction.atomic
def activity_import_apply(*, job: ActivityImport, by: User) -> ActivityImport:
    """Write every change of a validated upload, or none: any problem rolls the whole upload back."""
    from programmes import bulk

    job = ActivityImport.objects.select_for_update().select_related("agency").get(pk=job.pk)
    if not permissions.can_bulk_update(by, job.agency_id):
        raise PermissionDenied
    if job.state != ImportState.VALIDATED:
        raise ValidationError(_("This upload cannot be applied (it is “%(state)s”).")
                              % {"state": job.get_state_display()})
    for change in job.changes:
        form = bulk.RowForm(change["raw"])
        if not form.is_valid():
            raise ValidationError(_("Row %(row)s is no longer valid; upload the sheet again.") % change)
        fields = dict(form.cleaned_data)
        activity = None
        if change["id"]:
            activity = Activity.objects.select_for_update().filter(pk=change["id"]).first()
            if activity is None or activity.updated_at.isoformat() != change["updated_at"]:
                raise ValidationError(
                    _("Row %(row)s: the activity was changed by someone else since the upload; download the sheet "
                      "again.") % change
                )
        else:
            fields["lead_agency"] = job.agency
        activity_save(activity=activity, fields=fields, by=by, reason=f"bulk update #{job.pk}")
    job.state, job.applied_at = ImportState.APPLIED, timezone.now()
    job._history_user = by
    job.save()
    return job


@transaction.atomic
def activity_import_discard(*, job: ActivityImport, by: User) -> ActivityImport:
    if not permissions.can_bulk_update(by, job.agency_id):
        raise PermissionDenied
    if job.state == ImportState.VALIDATED:
        job.state = ImportState.DISCARDED
        job._history_user = by
        job.save()
    return job


# Governments' recommendations (Cairo 2013 and after) -------------------------------

RECOMMENDATION_FIELDS = ("forum", "forum_detail", "made_on", "reference", "text_en", "text_ar", "text_fr", "theme",
                         "countries")


@transaction.atomic
def recommendation_save(*, recommendation=None, data: dict, activities: Iterable = (), by: User | None,
                        is_demo: bool = False):
    """Enter a governments' recommendation (``recommendation`` None) or change it; the activities
    responding replace the old list. One history row per save, holding the list as it now is."""
    from programmes.models import GovernmentRecommendation

    if by is None or not permissions.can_manage_recommendations(by):
        raise PermissionDenied
    if recommendation is None:
        recommendation = GovernmentRecommendation(created_by=by, is_demo=is_demo)
    else:
        recommendation = GovernmentRecommendation.objects.select_for_update().get(pk=recommendation.pk)
    for field in RECOMMENDATION_FIELDS:
        if field in data:
            value = data[field]
            setattr(recommendation, field, value.strip() if isinstance(value, str) else value)
    if recommendation.forum != "other":
        recommendation.forum_detail = ""
    recommendation.updated_at = timezone.now()
    recommendation.full_clean()
    created = recommendation.pk is None
    recommendation.skip_history_when_saving = True
    try:
        if created:
            recommendation.save()
        recommendation.activities.set(list(activities))
    finally:
        del recommendation.skip_history_when_saving
    recommendation._history_user = by
    recommendation.save()
    if created:
        latest = recommendation.history.latest()
        recommendation.history.filter(history_id=latest.history_id).update(history_type="+")
    return recommendation


@transaction.atomic
def recommendation_review(*, recommendation, status: str, note: str, by: User | None):
    """The secretariat reviews where the implementation stands: the status, a note, who and when."""
    from programmes.choices import RecommendationStatus
    from programmes.models import GovernmentRecommendation

    if by is None or not permissions.can_manage_recommendations(by):
        raise PermissionDenied
    if status not in RecommendationStatus.values:
        raise ValidationError({"status": _("Choose a status of implementation from the list.")})
    recommendation = GovernmentRecommendation.objects.select_for_update().get(pk=recommendation.pk)
    previous = recommendation.status
    recommendation.status, recommendation.status_note = status, note.strip()
    recommendation.status_reviewed_at, recommendation.status_reviewed_by = timezone.now(), by
    recommendation.updated_at = timezone.now()
    recommendation.full_clean()
    recommendation._history_user = by
    recommendation._change_reason = f"status {previous} -> {status}" if status != previous else ""
    recommendation.save()
    return recommendation
