"""What the portal-wide search finds in the reports app: reports and chapters in the workspace (group
members), and published editions (their readers: delegates, and everyone for public ones)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reports import selectors
from reports.choices import BuildStatus
from reports.models import Build, Chapter, LibraryItem, Report
from rwg_portal.registry import SearchEntry, SearchSource, register_search
from rwg_portal.translated import search_texts, shown


def _report_body(report: Report, language: str) -> str:
    """The report's texts in ``language``; a French edition reads the English texts (reports are written in
    English and Arabic only), as its PDF does."""
    return "\n".join(shown(report, name, language).text for name in ("summary", "findings", "recommendations"))


def _report(report: Report) -> SearchEntry:
    return SearchEntry(
        url=reverse("reports:report_detail", args=[report.pk]),
        texts={language: (getattr(report, f"title_{language}"), _report_body(report, language))
               for language in ("en", "ar")},
        facets={"year": [report.year]},
    )


def _chapter(chapter: Chapter) -> SearchEntry:
    agencies = [chapter.lead_agency.acronym, *chapter.contributing_agencies.values_list("acronym", flat=True)]
    return SearchEntry(
        url=reverse("reports:chapter_detail", args=[chapter.pk]),
        texts={language: (getattr(chapter, f"title_{language}"), getattr(chapter, f"body_{language}"))
               for language in ("en", "ar")},
        facets={"year": [chapter.report.year], "agency": agencies},
    )


def _build(build: Build) -> SearchEntry | None:
    if build.published_at is None or build.status != BuildStatus.DONE:
        return None
    report = build.report
    title = f"{report.title_in(build.language)} ({report.year})"
    return SearchEntry(url=reverse("reports:build_download", args=[build.pk]),
                       texts={build.language: (title, _report_body(report, build.language))},
                       facets={"year": [report.year]})


def _library_texts(item: LibraryItem) -> dict[str, tuple[str, str]]:
    texts = search_texts(item, "abstract", title_field="title")
    if item.text:  # the file's text, in the document's language
        title, body = texts.pop(item.language, ("", ""))
        texts[item.language] = (title or item.title, "\n".join(filter(None, [body, item.text])))
        texts.pop("", None)
    return texts


def _library_item(item: LibraryItem) -> SearchEntry:
    """Title and abstract in every language they are written in; the text read from the file with the
    document's language."""
    agencies = [item.agency.acronym, *item.partner_agencies.values_list("acronym", flat=True)]
    return SearchEntry(
        url=reverse("reports_public:library_item", args=[item.pk]),
        texts=_library_texts(item),
        facets={"agency": agencies, "year": [item.year], "country": item.countries,
                "gcm": [str(number) for number in item.gcm_objectives], "sdg": item.sdg_targets},
    )


def register() -> None:
    register_search(SearchSource(
        key="reports.build", label=_("Published reports"), model=Build,
        visible=selectors.published_build_list_for_user, entry=_build,
        indexable=lambda: Build.objects.filter(published_at__isnull=False, status=BuildStatus.DONE),
        follows=((Report, lambda report: Build.objects.filter(report_id=report.pk).values_list("pk", flat=True)),),
        order=50,
    ))
    register_search(SearchSource(
        key="reports.report", label=_("Reports in preparation"), model=Report,
        visible=lambda user: Report.objects.filter(pk__in=selectors.report_list_for_user(user).values("pk")),
        entry=_report, order=51,
    ))
    register_search(SearchSource(
        key="reports.chapter", label=_("Report chapters"), model=Chapter, visible=selectors.chapter_list_for_user,
        entry=_chapter, order=52,
    ))
    register_search(SearchSource(
        key="reports.library", label=_("Library"), model=LibraryItem,
        visible=selectors.library_list_for_user, entry=_library_item, order=53,
    ))
