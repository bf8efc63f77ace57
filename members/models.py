from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.choices import (
    AgencyKind,
    AnswerStatus,
    ContactMessageStatus,
    DesignationRole,
    JoinRequestStatus,
    Membership,
    OfficeCity,
    OrganisationKind,
    ProposalStatus,
    Role,
)
from members.validators import validate_time_zone
from rwg_portal.reference import Theme
from rwg_portal.translated import check_original, language_field, translated


class UserManager(BaseUserManager):
    """Users are identified by e-mail; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account: secretariat staff, agency staff, RCM delegates, admins.

    Whether someone is a focal point or an alternate is not stored here: it follows
    from their current ``Designation``.
    """

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True, default=Role.NONE)
    agency = models.ForeignKey(
        "members.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("The agency this person works for, if any."),
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, validators=[validate_time_zone],
        help_text=_("Times in the portal are shown in this zone. Leave empty for the portal's default."),
    )
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=7, blank=True, choices=settings.LANGUAGES,
        help_text=_("The language of the e-mails the portal sends you; set when you choose a language."),
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.get_full_name() or self.email


class Agency(models.Model):
    """A member or participant of the Working Group (terms of reference, section 4)."""

    acronym = models.CharField(_("acronym"), max_length=30, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_ar = models.CharField(_("name (Arabic)"), max_length=255, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    membership = models.CharField(_("membership"), max_length=20, choices=Membership.choices)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    office_city = models.CharField(_("office city"), max_length=20, choices=OfficeCity.choices)
    office_city_other = models.CharField(_("other office city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    address = models.TextField(_("address"), blank=True)
    # Shown on the agency's public page (the Group in public): what it brings to the Group.
    # In English, Arabic and French (rwg_portal/translated.py); the agency has no original language: English.
    public_about = translated(models.TextField(_("work with the Group"), blank=True,
                                               help_text=_("Shown on the agency's public page.")),
                              ar={"help_text": ""}, fr={"help_text": ""})
    history = HistoricalRecords()

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return self.acronym

    @property
    def name(self) -> str:
        """The agency's name in the active language, falling back to English."""
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name_en

    def _current_designation(self, role: str):
        # Lists and detail pages prefetch ``current_designations`` (see selectors); without it, ask the database.
        designations = getattr(self, "current_designations", None)
        if designations is None:
            designations = self.designations.current().select_related("person")
        return next((d for d in designations if d.role == role), None)

    @property
    def current_focal_point(self):
        """The current focal point designation, or None."""
        return self._current_designation(DesignationRole.FOCAL_POINT)

    @property
    def current_alternate(self):
        """The current alternate designation, or None."""
        return self._current_designation(DesignationRole.ALTERNATE)

    @property
    def lacks_designations(self) -> bool:
        """An active agency without a current focal point or alternate (former members need none)."""
        return self.membership != Membership.FORMER and not (self.current_focal_point and self.current_alternate)


class CoChairPeriod(models.Model):
    """A period during which an agency co-chairs the Group and acts as its secretariat."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE,
                               related_name="co_chair_periods")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("co-chair period")
        verbose_name_plural = _("co-chair periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="cochair_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.agency} {self.starts_on}–{self.ends_on or ''}"


class DesignationQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ends_on__isnull=True)


class Designation(models.Model):
    """A person designated by an agency as its focal point or alternate (ToR section 5).

    A designation is current until it has an end date; the database allows at most one
    current focal point and one current alternate per agency.
    """

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE,
                               related_name="designations")
    person = models.ForeignKey(User, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="designations")
    role = models.CharField(_("role"), max_length=20, choices=DesignationRole.choices)
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = DesignationQuerySet.as_manager()

    class Meta:
        ordering = ["agency__acronym", "role", "-starts_on"]
        verbose_name = _("designation")
        verbose_name_plural = _("designations")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "role"],
                condition=Q(ends_on__isnull=True),
                name="one_current_designation_per_agency_and_role",
                violation_error_message=_("This agency already has a current designation for this role."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="designation_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.agency}: {self.get_role_display()} {self.person}"

    @property
    def is_current(self) -> bool:
        return self.ends_on is None


class JoinRequest(models.Model):
    """A request by another organisation to participate in the Group (ToR section 5)."""

    organisation = models.CharField(_("organisation"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    website = models.URLField(_("website"), blank=True)
    motivation = models.TextField(_("why the organisation wishes to participate"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    language = models.CharField(
        _("language"), max_length=7, blank=True, choices=settings.LANGUAGES,
        help_text=_("The language the request was written in: the answer is sent in it."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(User, verbose_name=_("decided by"), on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    decision_note = models.TextField(_("decision note"), blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="join_requests",
        help_text=_("The agency record created when the request was accepted."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_on__isnull=False),
                name="joinrequest_decided_has_date",
                violation_error_message=_("A decided request needs the date of the decision."),
            ),
        ]

    def __str__(self):
        return self.organisation


class ContactMessage(models.Model):
    """A message sent to the secretariat through the public contact form, and the secretariat's answer.

    The answer is e-mailed to the sender in ``language``, the language the visitor wrote in.
    """

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=7, blank=True, choices=settings.LANGUAGES,
                                help_text=_("The language the message was written in: the answer is sent in it."))
    submitted_at = models.DateTimeField(_("received at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=ContactMessageStatus.choices,
                              default=ContactMessageStatus.NEW)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(User, verbose_name=_("answered by"), on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("message to the secretariat")
        verbose_name_plural = _("messages to the secretariat")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="answered") | Q(answered_at__isnull=False),
                name="contactmessage_answered_has_date",
                violation_error_message=_("An answered message needs the date of the answer."),
            ),
        ]

    def __str__(self):
        return f"{self.name}: {self.subject}"


# Stakeholders, including migrants (ToR 3(d)(i)) ------------------------------------------------------


class OrganisationProposal(models.Model):
    """What a civil-society or migrants' organisation proposes through a public form, without an account: who
    it is and the secretariat's moderation. A good practice (``PracticeProposal``) and a library item
    (``reports.LibraryProposal``) are proposed this way and moderated by the same services
    (``members.stakeholders.services``): accepted, returned with ``message``, or rejected with ``message`` as
    the reason; the organisation is written to in ``language``, the language it wrote in.
    """

    organisation = models.CharField(_("organisation"), max_length=255)
    organisation_kind = models.CharField(_("kind of organisation"), max_length=20, choices=OrganisationKind.choices)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.NEW)
    message = models.TextField(_("message from the secretariat"), blank=True,
                               help_text=_("What to change (returned) or the reason (rejected); e-mailed."))
    returned_count = models.PositiveIntegerField(default=0, editable=False)
    submitted_at = models.DateTimeField(_("received at"), default=timezone.now)
    amended_at = models.DateTimeField(_("amended at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    decided_by = models.ForeignKey(User, verbose_name=_("moderated by"), on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")

    class Meta:
        abstract = True
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.organisation}: {self.title}"


class PracticeProposal(OrganisationProposal):
    """A good practice proposed by a civil-society or migrants' organisation through the public form.

    The secretariat moderates it: accepting creates a draft ``programmes.GoodPractice`` credited to
    the organisation (``practice``); returning sends ``message`` to the organisation with a signed link
    to amend it (``returned_count`` makes each link good for one round); rejecting sends ``message``
    as the reason. The organisation is written to in ``language``, the language it wrote in.
    """

    language = models.CharField(_("language of the text"), max_length=7, choices=settings.LANGUAGES,
                                help_text=_("The language the practice is written in: we write back in it."))
    title = models.CharField(_("title"), max_length=255)
    countries = models.JSONField(_("countries and areas"), default=list)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    practice = models.TextField(_("the practice"))
    evidence = models.TextField(_("evidence of results"))
    lessons = models.TextField(_("lessons learned"))
    replication = models.TextField(_("conditions for replication"))
    good_practice = models.OneToOneField(
        "programmes.GoodPractice", verbose_name=_("good practice"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="proposal", help_text=_("The good practice created when it was accepted."))
    history = HistoricalRecords()

    class Meta(OrganisationProposal.Meta):
        verbose_name = _("proposed good practice")
        verbose_name_plural = _("proposed good practices")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="new") | Q(decided_at__isnull=False),
                name="practiceproposal_moderated_has_date",
                violation_error_message=_("A moderated proposal needs the date of the decision."),
            ),
        ]

    @property
    def place_names(self) -> list[str]:
        from rwg_portal import reference

        return [reference.place_name(code) for code in self.countries]

    def clean(self):
        from rwg_portal import reference

        bad = [code for code in self.countries or [] if code not in reference.PLACE_CODES]
        if bad or not self.countries:
            raise ValidationError({"countries": _("Choose at least one country or area from the list.")})


class Consultation(models.Model):
    """A public consultation of stakeholders: a question open for answers during a period.

    ``title``, ``question`` and ``summary`` are written in ``language`` (the original) and translated into the
    other languages where the secretariat has (rwg_portal/translated.py). The period is stored in UTC and shown in
    ``time_zone``. ``questions`` is an optional short questionnaire (a list of texts). Once closed, the
    public page shows ``summary`` and the accepted answers.
    """

    title = translated(models.CharField(_("title"), max_length=255))
    question = translated(models.TextField(_("question")))
    language = language_field()
    questions = models.JSONField(_("questionnaire"), default=list, blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone],
                                 default="Asia/Beirut")
    summary = translated(models.TextField(_("summary by the secretariat"), blank=True,
                                          help_text=_("Shown on the public page once the consultation is closed.")))
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords()

    MAX_QUESTIONS = 8

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="consultation_closes_after_opening",
                violation_error_message=_("A consultation must close after it opens."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = check_original(self, "title", "question")  # the summary comes once the consultation closes
        if not isinstance(self.questions, list) or len(self.questions) > self.MAX_QUESTIONS or any(
                not isinstance(q, str) or not q.strip() or len(q) > 500 for q in self.questions):
            errors["questions"] = _("Give at most %(count)d questions, one per line, each under 500 "
                                    "characters.") % {"count": self.MAX_QUESTIONS}
        if errors:
            raise ValidationError(errors)

    def phase(self, now=None) -> str:
        """"upcoming", "open" or "closed" at ``now`` (the current moment by default)."""
        now = now or timezone.now()
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"

    @property
    def is_open(self) -> bool:
        return self.phase() == "open"

    @property
    def is_closed(self) -> bool:
        return self.phase() == "closed"


class ConsultationAnswer(models.Model):
    """An organisation's answer to a consultation, sent without an account and moderated by the secretariat.

    ``replies`` holds the answers to the questionnaire, in the order of the consultation's ``questions``.
    """

    consultation = models.ForeignKey(Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE,
                                     related_name="answers")
    organisation = models.CharField(_("organisation"), max_length=255)
    organisation_kind = models.CharField(_("kind of organisation"), max_length=20, choices=OrganisationKind.choices)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    language = models.CharField(_("language of the text"), max_length=7, choices=settings.LANGUAGES)
    answer = models.TextField(_("answer"))
    replies = models.JSONField(_("answers to the questionnaire"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AnswerStatus.choices, default=AnswerStatus.NEW)
    moderation_note = models.TextField(_("moderation note"), blank=True)
    submitted_at = models.DateTimeField(_("received at"), default=timezone.now)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(User, verbose_name=_("moderated by"), on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("answer to a consultation")
        verbose_name_plural = _("answers to consultations")

    def __str__(self):
        return f"{self.organisation} ({self.consultation_id})"

    @property
    def question_replies(self) -> list[tuple[str, str]]:
        """(question, reply) pairs for the questions this answer replied to."""
        questions = self.consultation.questions
        return [(q, r) for q, r in zip(questions, self.replies, strict=False) if r]
