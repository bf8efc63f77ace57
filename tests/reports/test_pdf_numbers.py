"""An Arabic PDF prints its figures with the Arabic separators (rwg_portal/formats/ar), read back from the
PDF's text layer as a reader's tools extract it."""

import pytest
from pypdf import PdfReader

from reports import services
from reports.choices import BuildStatus, ReportLanguage

pytestmark = pytest.mark.django_db


def built_text(report, language, people) -> str:
    build, _created = services.build_request(report=report, language=language, by=people.secretariat,
                                             enqueue=False)
    build = services.build_run(build_id=build.pk)
    assert build.status == BuildStatus.DONE, build.error
    return " ".join(page.extract_text() for page in PdfReader(build.file.path).pages)


def test_an_arabic_pdf_prints_the_mean_score_with_the_arabic_decimal_separator(sample_assessment, people, media):
    # The questionnaire's first question was scored 5 and 4: its mean, 4.5, in the results' tables.
    text = built_text(sample_assessment, ReportLanguage.ARABIC, people)
    assert "4\u066b5" in text
    assert "4.5" not in text and "4,5" not in text  # (section numbers such as "2.1" are not figures)
