"""factory_boy factories of the reports app."""

import datetime

import factory
from django.utils import timezone

from reports.choices import BuildStatus, LibraryKind, LibraryVisibility, QuestionDimension, QuestionKind, ReportKind
from reports.models import Build, Chapter, LibraryItem, Question, Report, Source
from tests.factories import AgencyFactory


class ReportFactory(factory.django.DjangoModelFactory):
    """A Situation Report edition; each gets its own year (one report per kind and year)."""

    class Meta:
        model = Report

    kind = ReportKind.SITUATION_REPORT
    # Years go round within 2065-2100: the model accepts up to 2100 and a long test run makes more
    # reports than that; tests that name a year use earlier ones (2027-2064), so they never collide.
    year = factory.Sequence(lambda n: 2065 + n % 36)
    title_en = factory.LazyAttribute(
        lambda o: f"Situation Report on International Migration in the Arab States {o.year}")
    title_ar = factory.LazyAttribute(lambda o: f"تقرير الحالة عن الهجرة الدولية في المنطقة العربية {o.year}")


class AssessmentFactory(ReportFactory):
    kind = ReportKind.RCM_ASSESSMENT
    title_en = factory.LazyAttribute(lambda o: f"Assessment of the Working Group, {o.year}")
    title_ar = factory.LazyAttribute(lambda o: f"تقييم الفريق العامل، {o.year}")


class ChapterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chapter
        skip_postgeneration_save = True

    report = factory.SubFactory(ReportFactory)
    position = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Chapter title {n}")
    lead_agency = factory.SubFactory(AgencyFactory)
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    body_en = "Migration has long shaped the Arab region.\n\n# Context\n\nMore text here."

    @factory.post_generation
    def contributing_agencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.contributing_agencies.set(extracted)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    report = factory.SubFactory(ReportFactory)
    key = factory.Sequence(lambda n: f"source-{n}")
    citation_en = factory.Sequence(lambda n: f"Author {n} (2024). A useful publication.")


class BuildFactory(factory.django.DjangoModelFactory):
    """A finished build; give ``file`` a name under MEDIA_ROOT that exists when downloads are tested."""

    class Meta:
        model = Build

    report = factory.SubFactory(ReportFactory)
    language = "en"
    status = BuildStatus.DONE
    page_count = 12
    size_bytes = 1234
    sha256 = "0" * 64
    is_draft = False
    file = factory.LazyAttribute(lambda o: f"reports/{o.report.pk}/build-{o.language}.pdf")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    report = factory.SubFactory(AssessmentFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = QuestionKind.LIKERT
    dimension = QuestionDimension.RELEVANCE
    text_en = factory.Sequence(lambda n: f"Question {n}: the Group's work is relevant.")


class LibraryItemFactory(factory.django.DjangoModelFactory):
    """A public study behind a link (no file): the simplest valid library item."""

    class Meta:
        model = LibraryItem
        skip_postgeneration_save = True
        rename = {"title": "title_en", "abstract": "abstract_en"}  # written in English unless told

    kind = LibraryKind.STUDY
    title = factory.Sequence(lambda n: f"Labour migration study {n}")
    abstract = "An overview of labour migration to the Gulf."
    year = 2025
    agency = factory.SubFactory(AgencyFactory)
    visibility = LibraryVisibility.PUBLIC
    url = "https://example.org/study.pdf"
    countries = factory.LazyFunction(lambda: ["JOR"])
    gcm_objectives = factory.LazyFunction(lambda: [6])
    sdg_targets = factory.LazyFunction(lambda: ["10.7"])

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        """The derived filter rows the service keeps (reports.services.library)."""
        if create:
            from reports.services.library import _retag

            _retag(obj)
