"""The RCM assessment's content: figures compiled from the portal, questionnaire results.

``compile_figures(year)`` asks each source in ``FIGURES`` (see ``reports.sources``) and
marks the ones whose app is not part of the portal yet as not available, with a note;
``aggregate_questionnaire(report)`` sums up the submitted answers by question, by agency
and by dimension.
"""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import mean
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from reports import sources
from reports.choices import LikertScore, QuestionDimension, QuestionKind, ResponseStatus
from reports.pdf import charts
from reports.pdf.shaping import has_arabic


@dataclass
class Figure:
    """One compiled figure (or table) of the assessment, or a note that it is not available yet."""

    key: str
    title: str
    value: Any = None
    available: bool = True
    note: str = ""
    chart: str = ""


# (key, title, how to get it for a year). Add a source in reports/sources.py, then list it here.
FIGURES: list[tuple[str, Any, Callable[[int], Any]]] = [
    ("meetings", gettext_lazy("Meetings held against the minimum of three a year"), sources.meeting_counts),
    ("attendance", gettext_lazy("Attendance per agency"), sources.attendance_rates),
    ("designations", gettext_lazy("Focal points and alternates"), lambda year: sources.designations()),
    ("action_items", gettext_lazy("Action items opened and completed"), sources.action_item_counts),
    ("rcm_sessions", gettext_lazy("Reporting to the RCM: what was presented and the follow-up"),
     sources.rcm_sessions),
    ("activities", gettext_lazy("Activities and joint programmes"), sources.activity_counts),
    ("good_practices", gettext_lazy("Good practices published"), sources.good_practices_published),
    ("releases", gettext_lazy("Data releases added to the data hub"), sources.releases_added),
    ("situation_report", gettext_lazy("Situation Report progress"), sources.situation_report_progress),
]


def compile_figures(year: int) -> list[Figure]:
    """Every figure of the assessment for ``year``, in the order of the report."""
    figures = []
    for key, title, get in FIGURES:
        try:
            figures.append(Figure(key=key, title=str(title), value=get(year)))
        except sources.SourceUnavailable as exc:
            figures.append(Figure(
                key=key, title=str(title), available=False,
                note=_("Not yet available: the portal does not provide this figure yet (%(provider)s).")
                % {"provider": exc.provider},
            ))
    return figures


def shared_figures(year: int) -> list[Figure]:
    """``compile_figures`` for the report's outline page: the same for every reader, so kept in the
    shared cache by language, day, the content versions of the apps the figures come from and the
    data hub's data version (the builds still compile them afresh)."""
    from django.utils import timezone
    from django.utils.translation import get_language

    from rwg_portal.dashboard_cache import WATCHED_APPS, cached_by_content
    from rwg_portal.registry import hook

    return cached_by_content(("assessment-figures", year, get_language(), timezone.localdate(), hook("data_version")()),
                             WATCHED_APPS, lambda: compile_figures(year))


def figure_chart(figure: Figure, *, rtl: bool = False) -> str:
    """An SVG chart for the figures that have one (meetings, attendance), else ''."""
    if not figure.available:
        return ""
    if figure.key == "meetings":
        value = figure.value
        return charts.bar_chart(
            [charts.Bar(pgettext("meetings", "Held"), value.get("held", 0)),
             charts.Bar(pgettext("meetings", "Planned"), value.get("planned", 0)),
             charts.Bar(pgettext("meetings", "Postponed"), value.get("postponed", 0)),
             charts.Bar(pgettext("meetings", "Cancelled"), value.get("cancelled", 0))],
            title=str(figure.title), target=value.get("minimum"), target_label=_("minimum"), rtl=rtl,
        )
    if figure.key == "attendance" and figure.value:
        percents = [(row["agency"], round(100 * float(row["rate"] or 0))) for row in figure.value]
        return charts.bar_chart(
            [charts.Bar(agency, percent, f"{percent} %") for agency, percent in percents],
            title=str(figure.title), maximum=100, rtl=rtl,
        )
    return ""


@dataclass
class QuestionResult:
    question: Any
    answered: int = 0
    dont_know: int = 0
    distribution: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0])
    mean: float | None = None
    texts: list[tuple[str, str]] = field(default_factory=list)
    # Each open answer's own direction: an English answer in the Arabic report reads left to right.
    directions: list[str] = field(default_factory=list)

    @property
    def quotes(self) -> list[tuple[str, str, str]]:
        return [(agency, text, direction) for (agency, text), direction in zip(self.texts, self.directions,
                                                                            strict=True)]


@dataclass
class AgencyResult:
    agency: Any
    respondent: str
    submitted_at: Any
    answered: int
    mean: float | None


@dataclass
class QuestionnaireResults:
    questions: list[QuestionResult]
    agencies: list[AgencyResult]
    dimensions: list[tuple[str, float | None, int]]
    responses: int
    eligible: int

    @property
    def response_rate(self) -> float | None:
        return self.responses / self.eligible if self.eligible else None


def aggregate_questionnaire(report) -> QuestionnaireResults:
    """Submitted answers of ``report``'s questionnaire, summed up by question, agency and dimension."""
    from members.choices import Membership
    from members.models import Agency
    from reports.models import Answer

    questions = list(report.questions.all())
    answers = list(
        Answer.objects.filter(response__report=report, response__status=ResponseStatus.SUBMITTED)
        .select_related("response__agency", "response__respondent", "question")
        .order_by("response__agency__acronym", "question__position")
    )
    by_question = {question.pk: QuestionResult(question=question) for question in questions}
    by_agency: dict[int, list] = defaultdict(list)
    by_dimension: dict[str, list[int]] = defaultdict(list)
    responses = {}
    for answer in answers:
        result = by_question.get(answer.question_id)
        if result is None:
            continue
        responses[answer.response.agency_id] = answer.response
        if answer.question.kind == QuestionKind.LIKERT:
            if answer.score:
                result.answered += 1
                result.distribution[answer.score - 1] += 1
                by_agency[answer.response.agency_id].append(answer.score)
                by_dimension[answer.question.dimension].append(answer.score)
            else:
                result.dont_know += 1
        elif answer.text.strip():
            result.answered += 1
            result.texts.append((answer.response.agency.acronym, answer.text.strip()))
            result.directions.append("rtl" if has_arabic(answer.text) else "ltr")
    for result in by_question.values():
        scores = [score for score, count in zip(range(1, 6), result.distribution, strict=True) for _n in range(count)]
        result.mean = round(mean(scores), 2) if scores else None
    agencies = [
        AgencyResult(agency=response.agency, respondent=str(response.respondent), submitted_at=response.submitted_at,
                     answered=sum(1 for a in answers if a.response_id == response.pk and (a.score or a.text.strip())),
                     mean=round(mean(by_agency[agency_id]), 2) if by_agency.get(agency_id) else None)
        for agency_id, response in sorted(responses.items(), key=lambda item: item[1].agency.acronym)
    ]
    dimensions = [(str(label), round(mean(by_dimension[value]), 2) if by_dimension.get(value) else None,
                   len(by_dimension.get(value, [])))
                  for value, label in QuestionDimension.choices if any(q.dimension == value for q in questions)]
    eligible = Agency.objects.exclude(membership=Membership.FORMER).count()
    return QuestionnaireResults(questions=[by_question[q.pk] for q in questions], agencies=agencies,
                                dimensions=dimensions, responses=len(responses), eligible=eligible)


def questionnaire_charts(results: QuestionnaireResults, *, rtl: bool = False) -> dict[str, str]:
    """The distribution of scores per scale question, as one stacked bar chart."""
    rows = [(f"Q{r.question.position}", r.distribution) for r in results.questions
            if r.question.kind == QuestionKind.LIKERT and any(r.distribution)]
    if not rows:
        return {}
    legend = [f"{value} — {label}" for value, label in LikertScore.choices]
    return {"likert": charts.stacked_chart(rows, title=_("Answers by score"), legend=legend, rtl=rtl)}


def score_counts(results: QuestionnaireResults) -> Counter:
    """How many scores of each value were given overall (for the web summary)."""
    total: Counter = Counter()
    for result in results.questions:
        for score, count in enumerate(result.distribution, start=1):
            total[score] += count
    return total
