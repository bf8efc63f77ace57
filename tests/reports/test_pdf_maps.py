"""A report chapter's ``map`` data block: the data hub's map SVG in the PDF, with its table, legend and disclaimer.

The page image (pdftoppm) is written to ``artifacts/`` for people to look at, and checked for the map's
colours: the class colours of the countries that have figures, the grey of those without.
"""

from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image
from pypdf import PdfReader

from data_hub import maps
from reports import services
from reports.choices import BuildStatus, ChapterState
from tests.reports import pdf_checks
from tests.reports.data import import_sample_release
from tests.reports.factories import ChapterFactory, ReportFactory

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _pixels_near(image: Image.Image, colour: str, tolerance: int = 12) -> int:
    target = _hex(colour)
    return sum(count for count, pixel in image.getcolors(image.width * image.height)
               if all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], target, strict=False)))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_map_block_puts_the_map_in_the_pdf(people, media, tmp_path, language):
    release = import_sample_release(tmp_path, user=people.secretariat)
    report = ReportFactory()
    block = f"```data\nid: map\nkind: map\nplace: ARAB\nrelease: {release.pk}\n```"
    ChapterFactory(report=report, position=1, title_en="Where migrants live", title_ar="أين يعيش المهاجرون",
                   lead_agency=people.owning, body_en=f"The map:\n\n{block}\n", body_ar=f"الخريطة:\n\n{block}\n",
                   state=ChapterState.APPROVED)
    build, _created = services.build_request(report=report, language=language, by=people.secretariat,
                                             enqueue=False)
    build = services.build_run(build_id=build.pk)
    assert build.status == BuildStatus.DONE, build.error
    pages = [page.extract_text() for page in PdfReader(build.file.path).pages]
    text = " ".join(" ".join(pages).split())
    if language == "en":
        assert "Figure 1.1" in text and "Table 1.1" in text
        assert "International migrant stock, 2010, Both sexes" in text
        # The table lists all 22 States, with and without figures: Saudi Arabia's 300 first.
        assert "Saudi Arabia 300" in text and "Bahrain — —" in text and "Comoros — —" in text
    page = next(i for i, page in enumerate(pages, start=1) if "2010" in page and ("Figure" in page or "الشكل" in page
                                                                                 or "شكل" in page))
    ARTIFACTS.mkdir(exist_ok=True)
    png = pdf_checks.page_image(build.file.path, page, ARTIFACTS / f"report-map-{language}.png", dpi=100)
    image = Image.open(png).convert("RGB")
    # Three countries with figures (7, 30 and 300): two classes, 7 to 30 and 30 to 300; the others grey.
    assert maps.class_breaks([7, 30, 300]) == [7, 30, 300]
    for colour in maps.CLASS_COLOURS[2]:
        assert _pixels_near(image, colour) > 20, colour
    assert _pixels_near(image, maps.NO_FIGURE, tolerance=4) > 2000
