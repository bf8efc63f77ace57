"""Fixtures of the reports tests."""

import pytest
from django.utils import timezone

from meetings.choices import ActionItemStatus, MeetingStatus, Representation
from reports import services
from reports.choices import ChapterState, QuestionDimension, QuestionKind
from tests.meetings.factories import ActionItemFactory, AttendanceFactory, HeldMeetingFactory, MeetingFactory
from tests.reports.data import import_sample_release
from tests.reports.factories import AssessmentFactory, ChapterFactory, QuestionFactory, ReportFactory, SourceFactory


@pytest.fixture
def media(settings, tmp_path):
    """Generated files go to a temporary folder, removed after the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


ARABIC_PARAGRAPH = (
    "شكّلت الهجرة المنطقة العربية منذ زمن طويل، إذ كثيراً ما تكون بلدانها في آن واحد بلدان منشأ وعبور ومقصد. "
    "وتستضيف بلدان مجلس التعاون الخليجي معظم العمال المهاجرين في المنطقة، ولا سيما النساء العاملات في المنازل. "
    "ويولي الفريق العامل عناية خاصة للبيانات المصنّفة حسب الجنس."
)
ENGLISH_PARAGRAPH = (
    "Migration has long shaped the Arab region, whose countries are often at the same time points of origin, "
    "transit and destination. The Gulf Cooperation Council countries host most of the region's migrant workers. "
)


@pytest.fixture
def sample_edition(people, tmp_path):
    release = import_sample_release(tmp_path, user=people.secretariat)
    report = ReportFactory(title_en="Situation Report on International Migration in the Arab States 2031",
                           title_ar="تقرير الحالة عن الهجرة الدولية في المنطقة العربية 2031")
    SourceFactory(report=report, key="desa", citation_en="United Nations (2024). International Migrant Stock 2024.",
                  citation_ar="الأمم المتحدة (2024). رصيد المهاجرين الدوليين 2024.")
    table = "| Country | Migrants | Women (%) |\n|:--|--:|--:|\n" + "".join(
        f"| Country {i:02d} | {1_000_000 + i * 12_345:,} | {30 + i % 20} |\n" for i in range(60))
    chapters = [
        ("Migration in the Arab region", "الهجرة في المنطقة العربية",
         f"{ENGLISH_PARAGRAPH}[^1] As UN DESA counts [@desa].\n\n# Figures\n\n{table}\n\n"
         f"```data\nid: stock\nkind: stock_by_sex\nplace: ARAB\nrelease: {release.pk}\n```\n\n"
         f"[^1]: Terms of reference of the Working Group, section 1.",
         f"{ARABIC_PARAGRAPH}[^1]\n\n# الأرقام\n\n{ARABIC_PARAGRAPH}\n\n[^1]: اختصاصات الفريق العامل، الفرع 1."),
        ("Labour migration and decent work", "هجرة العمال والعمل اللائق",
         "\n\n".join([ENGLISH_PARAGRAPH * 6] * 8), "\n\n".join([ARABIC_PARAGRAPH * 3] * 8)),
        ("Women migrants", "المهاجرات", ENGLISH_PARAGRAPH, ARABIC_PARAGRAPH),
    ]
    for position, (title_en, title_ar, body_en, body_ar) in enumerate(chapters, start=1):
        ChapterFactory(report=report, position=position, title_en=title_en, title_ar=title_ar,
                       lead_agency=people.owning, body_en=body_en, body_ar=body_ar, state=ChapterState.APPROVED)
    return report


@pytest.fixture
def sample_assessment(people):
    meeting = HeldMeetingFactory()
    second = HeldMeetingFactory(starts_at=meeting.starts_at - timezone.timedelta(days=30))
    MeetingFactory(status=MeetingStatus.PLANNED)
    for held in (meeting, second):
        AttendanceFactory(meeting=held, agency=people.owning, representation=Representation.FOCAL_POINT)
    AttendanceFactory(meeting=meeting, agency=people.other, representation=Representation.ABSENT)
    AttendanceFactory(meeting=second, agency=people.other, representation=Representation.ALTERNATE)
    ActionItemFactory(meeting=meeting, owner_agency=people.owning, status=ActionItemStatus.DONE)
    ActionItemFactory(meeting=meeting, owner_agency=people.other)
    report = AssessmentFactory(
        year=meeting.year, findings_en="The Group met regularly.", recommendations_en="Share agendas earlier.",
        findings_ar="اجتمع الفريق العامل بانتظام.", recommendations_ar="تعميم جداول الأعمال في وقت أبكر.",
    )
    q1 = QuestionFactory(report=report, position=1, text_en="The Group's work is relevant to my agency.",
                         text_ar="عمل الفريق العامل وثيق الصلة بوكالتي.")
    q2 = QuestionFactory(report=report, position=2, kind=QuestionKind.OPEN, required=False,
                         dimension=QuestionDimension.EFFECTIVENESS, text_en="What should change?")
    services.questionnaire_open(report=report, by=people.secretariat)
    services.response_save(report=report, agency=people.owning, submit=True, by=people.focal_point,
                           answers={q1.pk: {"score": 5}, q2.pk: {"text": "Meet in Tunis once a year."}})
    services.response_save(report=report, agency=people.other, submit=True, by=people.other_focal_point,
                           answers={q1.pk: {"score": 4}})
    return report


