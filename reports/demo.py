"""Demo content for the reports app, clearly labelled: every demo report says "(demo)" in its title,
carries ``is_demo`` (a "Demo content" badge on the pages and on the PDF's cover and footer), and
its text says that it is demo text. Figures quoted come from the Group's terms of reference.

``load()`` creates a Situation Report edition with four chapters at different stages, its sources,
and a built PDF in English and in Arabic; and an RCM assessment with its questionnaire, a few
answers, findings and recommendations, built, approved and published (the English one is also
public); and the research library's items (studies, a data note, a policy brief in Arabic, a report in
French, a members-only draft), each titled "(demo)". The PDFs are built in-process here (the demo has no
worker); running it again changes nothing.
"""


from django.db import transaction

from members.models import Agency, User
from reports import services, sources
from reports.choices import BuildStatus, ChapterState, QuestionDimension, QuestionKind, ReportKind, ReportLanguage
from reports.models import Build, Report
from rwg_portal.demo import day, demo_pdf, not_before_today, year

SECRETARIAT_EMAIL = "secretariat@demo.rwg-portal.org"
DEMO_NOTE_EN = "*Demo content: this text shows how a chapter looks; it is not an official text of the Group.*"
DEMO_NOTE_AR = "*محتوى تجريبي: يبيّن هذا النص شكل الفصل، وليس نصاً رسمياً صادراً عن الفريق العامل.*"

SOURCES = [
    ("tor-2013", "Working Group on International Migration in the Arab Region (2013). Terms of Reference.",
     "الفريق العامل المعني بالهجرة الدولية في المنطقة العربية (2013). الاختصاصات.", ""),
    ("undesa-stock", "United Nations, Department of Economic and Social Affairs, Population Division. "
     "International Migrant Stock.", "الأمم المتحدة، إدارة الشؤون الاقتصادية والاجتماعية، شعبة السكان. "
     "رصيد المهاجرين الدوليين.", "https://www.un.org/development/desa/pd/content/international-migrant-stock"),
    ("gcm-2018", "United Nations General Assembly (2018). Global Compact for Safe, Orderly and Regular Migration "
     "(A/RES/73/195).", "الجمعية العامة للأمم المتحدة (2018). الاتفاق العالمي من أجل الهجرة الآمنة والمنظمة "
     "والنظامية (A/RES/73/195).", "https://undocs.org/A/RES/73/195"),
]

CHAPTER_1_EN = f"""{DEMO_NOTE_EN}

# A region of origin, transit and destination

Migration has long shaped the Arab region, whose countries are often at the same time points of origin,
transit and destination [@tor-2013]. In 2010 the region hosted almost 25.85 million migrants, of whom over
16.4 million were men and 9.4 million women, over 10 million more than in 1990.[^1]

Emigration from Arab countries is also high: over 13.7 million migrants came from Arab countries in 2010,
almost half of whom stayed within the region [@undesa-stock].

# Why sex-disaggregated data matter

Women migrants face specific risks, in particular in domestic work. The Group therefore pays special
attention to data disaggregated by sex, in line with objective 1 of the Global Compact [@gcm-2018].

{{block}}
[^1]: Figures quoted in the terms of reference of the Working Group, from the United Nations Population Division.
"""

CHAPTER_1_AR = f"""{DEMO_NOTE_AR}

# منطقة منشأ وعبور ومقصد

شكّلت الهجرة المنطقة العربية منذ زمن طويل، إذ كثيراً ما تكون بلدانها في آن واحد بلدان منشأ وعبور ومقصد [@tor-2013].
وفي عام 2010، استضافت المنطقة قرابة 25.85 مليون مهاجر، منهم أكثر من 16.4 مليون رجل و9.4 ملايين امرأة، أي بزيادة
تفوق 10 ملايين مهاجر عمّا كانت عليه في عام 1990.[^1]

والهجرة من البلدان العربية مرتفعة أيضاً: فقد بلغ عدد المهاجرين من البلدان العربية أكثر من 13.7 مليون مهاجر في عام
2010، بقي قرابة نصفهم داخل المنطقة [@undesa-stock].

# أهمية البيانات المصنّفة حسب الجنس

تواجه المهاجرات مخاطر خاصة، ولا سيما في العمل المنزلي. ولذلك يولي الفريق العامل عناية خاصة للبيانات المصنّفة حسب
الجنس، تماشياً مع الهدف 1 من الاتفاق العالمي [@gcm-2018].

{{block}}
[^1]: أرقام واردة في اختصاصات الفريق العامل، نقلاً عن شعبة السكان في الأمم المتحدة.
"""

CHAPTER_2_EN = f"""{DEMO_NOTE_EN}

# Labour migration

Labour migration benefits both countries of origin and destination in the region: migrant workers help
address labour market shortfalls in host countries and relieve pressure on labour markets at home
[@tor-2013]. Remittances sent by expatriate communities contribute to economic activity.

# Fair recruitment

Objective 6 of the Global Compact calls for fair and ethical recruitment and conditions that ensure
decent work [@gcm-2018].
"""

CHAPTER_3_EN = f"""{DEMO_NOTE_EN}

# Gender perspectives

The terms of reference ask the Group to devote special attention to gender perspectives, cultural
diversity, human rights and the rule of law [@tor-2013].
"""

CHAPTER_4_EN = f"""{DEMO_NOTE_EN}

# Data for the Global Compact

Outline to be written by the lead agency.
"""

QUESTIONS = [
    (QuestionKind.LIKERT, QuestionDimension.RELEVANCE,
     "The Group's work is relevant to my agency's migration priorities in the Arab region.",
     "عمل الفريق العامل وثيق الصلة بأولويات وكالتي في مجال الهجرة في المنطقة العربية."),
    (QuestionKind.LIKERT, QuestionDimension.EFFECTIVENESS,
     "The Group helps the member agencies avoid duplication and work together.",
     "يساعد الفريق العامل الوكالات الأعضاء على تفادي الازدواجية والعمل معاً."),
    (QuestionKind.LIKERT, QuestionDimension.ORGANISATION,
     "The Group's meetings are well prepared and their follow-up is clear.",
     "اجتماعات الفريق العامل معدّة إعداداً جيداً ومتابعتها واضحة."),
    (QuestionKind.OPEN, QuestionDimension.EFFECTIVENESS,
     "What should the Group do differently next year?",
     "ما الذي ينبغي للفريق العامل أن يفعله على نحو مختلف في العام المقبل؟"),
]


def _data_block() -> str:
    """A data block for chapter 1, if the data hub can resolve it now (the demo never fakes one)."""
    spec = {"kind": "stock_by_sex", "place": "ARAB"}
    try:
        sources.resolve_data_block(spec)
    except (sources.SourceUnavailable, sources.BlockFailed):
        return ""
    return "```data\nid: stock-by-sex\nkind: stock_by_sex\nplace: ARAB\nshow: both\n```\n"


def _build(report: Report, language: str, by: User) -> Build:
    done = report.builds.filter(language=language, status=BuildStatus.DONE).first()
    if done is not None:
        return done
    build, _created = services.build_request(report=report, language=language, by=by, enqueue=False)
    return services.build_run(build_id=build.pk) or build


@transaction.atomic
def _situation_report(by: User) -> Report:
    report = Report.objects.filter(kind=ReportKind.SITUATION_REPORT, is_demo=True).first()
    if report is not None:
        return report
    report = services.report_create(
        kind=ReportKind.SITUATION_REPORT, year=year(2027), by=by, is_demo=True,
        title_en=f"Situation Report on International Migration in the Arab States {year(2027)} (demo)",
        title_ar=f"تقرير الحالة عن الهجرة الدولية في المنطقة العربية {year(2027)} (تجريبي)",
        summary_en="Demo edition of the biennial Situation Report, with chapters at every stage of review.",
        summary_ar="طبعة تجريبية من تقرير الحالة الذي يصدر كل سنتين، وفصولها في مختلف مراحل المراجعة.",
    )
    for key, en, ar, url in SOURCES:
        services.source_create(report=report, key=key, citation_en=en, citation_ar=ar, url=url, by=by)
    agencies = {agency.acronym: agency for agency in Agency.objects.all()}
    block = _data_block()
    # Ahead, as in the story (the chapters are under way, none is late).
    deadline = not_before_today(day(2027, 3, 31), days=120)
    outline = [
        ("Migration in the Arab region: an overview", "الهجرة في المنطقة العربية: لمحة عامة", "UN-ESCWA",
         ["IOM", "UNFPA"], CHAPTER_1_EN.replace("{block}", block), CHAPTER_1_AR.replace("{block}", block)),
        ("Labour migration and decent work", "هجرة العمال والعمل اللائق", "ILO", ["ALO"], CHAPTER_2_EN, ""),
        ("Women migrants and gender perspectives", "المهاجرات ومنظور النوع الاجتماعي", "UN-Women",
         ["UNFPA", "IOM"], CHAPTER_3_EN, ""),
        ("Migration data and the Global Compact", "بيانات الهجرة والاتفاق العالمي", "IOM", ["LAS"], CHAPTER_4_EN, ""),
    ]
    chapters = []
    for title_en, title_ar, lead, contributors, body_en, body_ar in outline:
        chapters.append(services.chapter_create(
            report=report, title_en=title_en, title_ar=title_ar, lead_agency=agencies[lead],
            contributing_agencies=[agencies[a] for a in contributors if a in agencies], deadline=deadline,
            body_en=body_en, body_ar=body_ar, by=by,
        ))
    services.chapter_submit(chapter=chapters[0], by=by)
    services.chapter_approve(chapter=chapters[0], comment="Approved for the demo edition.", by=by)
    services.chapter_submit(chapter=chapters[1], by=by)
    services.chapter_submit(chapter=chapters[2], by=by)
    services.chapter_return(chapter=chapters[2], by=by,
                            comment="Please add the section on domestic workers and cite the sources.")
    assert chapters[3].state == ChapterState.DRAFT
    return report


@transaction.atomic
def _assessment(by: User) -> Report:
    report = Report.objects.filter(kind=ReportKind.RCM_ASSESSMENT, is_demo=True).first()
    if report is not None:
        return report
    report = services.report_create(
        kind=ReportKind.RCM_ASSESSMENT, year=year(2026), by=by, is_demo=True,
        title_en=f"Assessment of the Working Group presented to the RCM, {year(2026)} (demo)",
        title_ar=f"تقييم الفريق العامل المقدَّم إلى آلية التنسيق الإقليمية، {year(2026)} (تجريبي)",
        summary_en="Demo assessment: figures compiled by the portal, questionnaire results, findings.",
        summary_ar="تقييم تجريبي: أرقام جمعتها البوابة، ونتائج الاستبيان، والاستنتاجات.",
    )
    for kind, dimension, en, ar in QUESTIONS:
        services.question_create(report=report, kind=kind, dimension=dimension, text_en=en, text_ar=ar,
                                 required=kind == QuestionKind.LIKERT, by=by)
    services.questionnaire_open(report=report, by=by)
    questions = list(report.questions.order_by("position"))
    answers_by_agency = {"IOM": [5, 4, 4, "Hold one meeting a year outside Beirut and Cairo."],
                         "ILO": [4, 4, 3, "Share the agenda two weeks ahead."],
                         "UN-ESCWA": [5, 5, 4, ""]}
    for acronym, given in answers_by_agency.items():
        agency = Agency.objects.filter(acronym=acronym).first()
        person = User.objects.filter(designations__agency=agency, designations__ends_on__isnull=True).first()
        if agency is None or person is None:
            continue
        answers = {q.pk: ({"score": value} if q.kind == QuestionKind.LIKERT else {"text": value})
                   for q, value in zip(questions, given, strict=True)}
        services.response_save(report=report, agency=agency, answers=answers, submit=True, by=person)
    services.questionnaire_close(report=report, by=by)
    services.report_update(report=report, by=by, data={
        "findings_en": "*Demo content.*\n\n# Organisation and functioning\n\nThe figures above show how often the "
                       "Group met and who attended. The focal points find the Group's work relevant.",
        "findings_ar": "*محتوى تجريبي.*\n\n# التنظيم وسير العمل\n\nتبيّن الأرقام أعلاه عدد اجتماعات الفريق العامل "
                       "ومن حضرها. ويرى المنسقون أن عمل الفريق وثيق الصلة بأولوياتهم.",
        "recommendations_en": "*Demo content.*\n\n1. Share agendas two weeks before each meeting.\n"
                              "2. Hold at least three meetings a year, as the terms of reference require.",
        "recommendations_ar": "*محتوى تجريبي.*\n\n1. تعميم جداول الأعمال قبل أسبوعين من كل اجتماع.\n"
                              "2. عقد ثلاثة اجتماعات في السنة على الأقل، كما تقتضي الاختصاصات.",
    })
    return report


# The library: (kind, title, abstract, language, year, agency, partners, countries, GCM, SDG, public, file or link)
LIBRARY = [
    ("study", "Women migrant domestic workers in the Gulf: working conditions and protection (demo)",
     "Demo content. How women domestic workers are recruited, employed and protected in the Gulf Cooperation "
     "Council countries, and what labour reforms changed since 2017.", "en", 2025, "ILO", ["UN-Women"],
     ["SAU", "ARE", "KWT", "QAT"], [6, 7], ["8.8", "5.2"], True, "file"),
    ("data_note", "Migrant stock in the Arab region by sex, 1990-2024 (demo)",
     "Demo content. A two-page note on the UN DESA estimates of international migrants in the 22 Arab States, "
     "by sex, with the share of women.", "en", 2024, "UN-ESCWA", [], [], [1], ["17.18"], True, "file"),
    ("policy_brief", "تحويلات المهاجرين وتكلفتها في المنطقة العربية (تجريبي)",
     "محتوى تجريبي. موجز سياسات عن تكلفة إرسال التحويلات إلى مصر والأردن ولبنان والمغرب "
     "وسبل خفضها إلى أقل من 3 في المائة.",
     "ar", 2023, "LAS", ["IOM"], ["EGY", "JOR", "LBN", "MAR"], [20], ["10.c"], True,
     "https://www.worldbank.org/en/topic/migrationremittancesdiasporaissues"),
    ("report", "La migration de retour au Maghreb : réintégration et perspectives (démo)",
     "Contenu de démonstration. Un rapport sur le retour et la réintégration des migrants au Maroc, en Tunisie "
     "et en Algérie.", "fr", 2022, "IOM", [], ["MAR", "TUN", "DZA"], [21], ["10.7"], True, "file"),
    ("study", "Draft mapping of labour migration data sources (demo)",
     "Demo content. A members-only working draft that lists the labour force surveys and administrative "
     "registers with migration questions in the region.", "en", 2026, "ILO", [], ["JOR", "LBN", "EGY"], [1],
     ["17.18"], False, "file"),
]


# Translations of some demo items' title and abstract (the others show the original, marked "(shown in …)").
LIBRARY_TRANSLATIONS = {
    "Women migrant domestic workers in the Gulf: working conditions and protection (demo)": {
        "title_ar": "العاملات المنزليات المهاجرات في الخليج: ظروف العمل والحماية (تجريبي)",
        "abstract_ar": "محتوى تجريبي. كيف تُستقدم العاملات المنزليات ويُشغَّلن ويُحمَين في دول مجلس التعاون الخليجي، "
                       "وما الذي غيّرته إصلاحات العمل منذ عام 2017.",
        "title_fr": "Les travailleuses domestiques migrantes dans le Golfe : conditions de travail et protection "
                    "(démo)",
        "abstract_fr": "Contenu de démonstration. Comment les travailleuses domestiques sont recrutées, employées et "
                       "protégées dans les pays du Conseil de coopération du Golfe, et ce que les réformes du travail "
                       "ont changé depuis 2017.",
    },
    "تحويلات المهاجرين وتكلفتها في المنطقة العربية (تجريبي)": {
        "title_en": "Migrants' remittances and their cost in the Arab region (demo)",
        "title_fr": "Les transferts de fonds des migrants et leur coût dans la région arabe (démo)",
    },
}


def _library() -> None:
    """Demo library items shared by the agencies' demo focal points (or the secretariat), labelled demo."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from members.permissions import represented_agency_ids
    from reports.models import LibraryItem
    from reports.services.library import library_item_save

    secretariat = User.objects.get(email=SECRETARIAT_EMAIL)
    for kind, title, abstract, language, published, acronym, partners, countries, gcm, sdg, public, where in LIBRARY:
        if LibraryItem.objects.filter(is_demo=True, **{f"title_{language}": title}).exists():
            continue
        agency = Agency.objects.filter(acronym=acronym).first()
        if agency is None:
            continue
        by = next((person for person in User.objects.filter(designations__agency=agency)
                   if agency.pk in represented_agency_ids(person)), secretariat)
        upload = None
        if where == "file":
            upload = SimpleUploadedFile("demo.pdf", demo_pdf(title.encode("ascii", "ignore").decode() or "Demo",
                                                         [abstract.encode("ascii", "ignore").decode()[:90]]),
                                        content_type="application/pdf")
        item = library_item_save(item=None, by=by, upload=upload,
                                 partner_agencies=list(Agency.objects.filter(acronym__in=partners)),
                                 fields={"kind": kind, f"title_{language}": title, f"abstract_{language}": abstract,
                                         **LIBRARY_TRANSLATIONS.get(title, {}), "language": language,
                                         "year": published, "agency": agency, "countries": countries,
                                         "gcm_objectives": gcm, "sdg_targets": sdg,
                                         "visibility": "public" if public else "members",
                                         "url": "" if where == "file" else where})
        LibraryItem.objects.filter(pk=item.pk).update(is_demo=True, download_count=len(title) % 17)


# A study proposed for the library by a demo organisation, awaiting the secretariat's moderation.
LIBRARY_PROPOSAL = {
    "organisation": "جمعية تضامن للعمال المهاجرين (demo)", "organisation_kind": "migrants",
    "contact_name": "رانيا حداد (demo)", "contact_email": "rania.haddad@demo.rwg-portal.org", "language": "ar",
    "kind": "study", "title": "أوضاع العاملات المنزليات المهاجرات في لبنان بعد عام 2020 (تجريبي)", "year": 2024,
    "authors": "جمعية تضامن (demo)", "countries": ["LBN"], "url": "https://example.org/demo-study",
    "abstract": "محتوى تجريبي. دراسة ميدانية عن ظروف عمل العاملات المنزليات المهاجرات وسكنهن في لبنان.",
}


def _library_proposal() -> None:
    """The demo proposal (once; not moderated, so that the secretariat can try the moderation)."""
    from reports.models import LibraryProposal

    if not LibraryProposal.objects.filter(title=LIBRARY_PROPOSAL["title"]).exists():
        proposal = LibraryProposal(**LIBRARY_PROPOSAL, is_demo=True)
        proposal.full_clean()
        proposal.save()


def load() -> None:
    """Create the demo reports and build their PDFs in-process; running it again changes nothing."""
    by = User.objects.get(email=SECRETARIAT_EMAIL)
    with transaction.atomic():
        _library()
        _library_proposal()
    edition = _situation_report(by)
    for language in ReportLanguage.values:
        _build(edition, language, by)
    _presented_at_the_rcm(edition, by)
    assessment = _assessment(by)
    for language in ReportLanguage.values:
        build = _build(assessment, language, by)
        if build.status == BuildStatus.DONE and build.approved_at is None and not build.is_draft:
            build = services.build_approve(build=build, by=by)
        if build.approved_at and build.published_at is None:
            build = services.build_publish(build=build, by=by)
            if language == "en":
                services.build_set_public(build=build, public=True, by=by)


def _presented_at_the_rcm(edition: Report, by: User) -> None:
    """The demo edition was presented at the latest demo RCM session (meetings demo), once."""
    from meetings.models import RcmSession
    from meetings.services.rcm import rcm_session_save

    session = RcmSession.objects.filter(is_demo=True).order_by("-held_on").first()
    if session is None or session.presented_reports.exists():
        return
    rcm_session_save(session=session, data={}, reports=[edition], decisions=session.presented_decisions.all(),
                     by=by)
