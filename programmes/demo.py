"""Demo catalogue: activities, joint programmes, priority areas and good practices.

Everything here is invented for demonstration and labelled so: every title ends with "(demo)"
("(تجريبي)", "(démo)") and every text starts with "Demo content". The catalogue is built so
that the synergy finder has something to find (e.g. ILO and IOM both on labour migration in
Jordan and Qatar) and the coverage matrix shows priority areas that nobody covers. Its dates are
written for 2026 and moved to the story year (rwg_portal.demo), so that an "ongoing" activity is
under way on any day the demo is loaded.
"""

import datetime

from django.db import transaction

from members.models import Agency, User
from programmes import services
from programmes.choices import PracticeStatus
from programmes.models import Activity, GoodPractice, Indicator, PriorityArea, SynergyReview
from rwg_portal.demo import shifted, year

D = datetime.date
NOTE = "Demo content, invented for the demonstration of the portal. "
NOTE_AR = "محتوى تجريبي لأغراض العرض فقط. "
NOTE_FR = "Contenu de démonstration, fictif. "

PRIORITIES = [
    # (title en, ar, fr, place, theme, source, reference)
    ("Fair recruitment of migrant workers to the Gulf", "التوظيف العادل للعمال المهاجرين إلى دول الخليج",
     "Recrutement équitable des travailleurs migrants vers le Golfe", "JOR", "labour", "cairo_2013",
     "Cairo 2013, labour migration recommendations (demo summary)"),
    ("Protection of women migrant domestic workers", "حماية العاملات المنزليات المهاجرات",
     "Protection des travailleuses domestiques migrantes", "LBN", "women", "cairo_2013",
     "Cairo 2013, migrant rights recommendations (demo summary)"),
    ("Unaccompanied migrant children on the Eastern Route", "الأطفال المهاجرون غير المصحوبين على الطريق الشرقي",
     "Enfants migrants non accompagnés sur la route de l'Est", "YEM", "children", "government",
     "National child protection strategy (demo)"),
    ("Sex-disaggregated migration statistics", "إحصاءات الهجرة المصنفة حسب الجنس",
     "Statistiques migratoires ventilées par sexe", "MAR", "data", "cairo_2013",
     "Cairo 2013, data recommendations (demo summary)"),
    ("Internal displacement and durable solutions", "النزوح الداخلي والحلول الدائمة",
     "Déplacement interne et solutions durables", "SDN", "displacement", "government", "Government request (demo)"),
    ("Regional follow-up of the Global Compact for Migration", "المتابعة الإقليمية للاتفاق العالمي من أجل الهجرة",
     "Suivi régional du Pacte mondial sur les migrations", "REG", "governance", "las",
     "League of Arab States resolution (demo)"),
    ("Lower remittance costs for migrant families", "خفض تكاليف التحويلات المالية لأسر المهاجرين",
     "Réduire le coût des envois de fonds des familles de migrants", "EGY", "remittances", "cairo_2013",
     "Cairo 2013, migration and development recommendations (demo summary)"),
]

# (lead, partners [(acronym, role)], en, ar, fr, summary, kind, themes, countries, targets groups,
#  start, end, status, budget, sdg, gcm, gender marker, priorities by title)
ACTIVITIES = [
    ("ILO", [], "Fair recruitment corridors between Egypt, Jordan and the Gulf",
     "ممرات التوظيف العادل بين مصر والأردن ودول الخليج", "Corridors de recrutement équitable entre l'Égypte, "
     "la Jordanie et le Golfe",
     "Supports ministries of labour and recruitment agencies to apply the ILO general principles on fair "
     "recruitment along three migration corridors.",
     "technical", ["labour", "rights"], ["EGY", "JOR", "SAU", "QAT"], ["migrant_workers", "governments"],
     D(2025, 1, 1), D(2027, 12, 31), "ongoing", 2400000, ["8.8", "10.7"], [6, 22], 2,
     ["Fair recruitment of migrant workers to the Gulf"]),
    ("IOM", [], "Labour mobility and ethical recruitment in Jordan and Qatar",
     "تنقل العمالة والتوظيف الأخلاقي في الأردن وقطر", "Mobilité de la main-d'œuvre et recrutement éthique en "
     "Jordanie et au Qatar",
     "Pilots the IRIS ethical recruitment standard with employers and pre-departure orientation for workers.",
     "technical", ["labour"], ["JOR", "QAT"], ["migrant_workers"],
     D(2025, 6, 1), D(2027, 6, 30), "ongoing", 1800000, ["10.7", "8.8"], [6, 3], 1,
     ["Fair recruitment of migrant workers to the Gulf"]),
    ("UN-Women", [], "Protecting women migrant domestic workers in Lebanon and Jordan",
     "حماية العاملات المنزليات المهاجرات في لبنان والأردن", "Protéger les travailleuses domestiques migrantes au "
     "Liban et en Jordanie",
     "Legal aid, shelters and referral pathways for women domestic workers, with advocacy for labour law coverage.",
     "advocacy", ["women", "rights"], ["LBN", "JOR"], ["domestic_workers", "women_girls"],
     D(2024, 3, 1), D(2026, 12, 31), "ongoing", 950000, ["5.2", "8.8"], [7, 6], 3,
     ["Protection of women migrant domestic workers"]),
    ("ILO", [("UN-Women", "co_lead")], "Decent work for domestic workers in Lebanon",
     "العمل اللائق للعمال المنزليين في لبنان", "Travail décent pour les travailleurs domestiques au Liban",
     "Joint programme on a standard unified contract, complaint mechanisms and employer awareness.",
     "normative", ["women", "labour"], ["LBN"], ["domestic_workers", "social_partners"],
     D(2025, 1, 1), D(2026, 12, 31), "ongoing", 1200000, ["8.8", "5.4"], [6, 7], 2,
     ["Protection of women migrant domestic workers"]),
    ("UN-ESCWA", [("IOM", "co_lead"), ("LAS", "partner"), ("ILO", "partner")],
     "Situation Report on International Migration in the Arab Region 2025",
     "تقرير حالة الهجرة الدولية في المنطقة العربية 2025", "Rapport sur la situation des migrations internationales "
     "dans la région arabe 2025",
     "The Group's biennial flagship report, prepared jointly by its members (ToR 3(b)(iii)).",
     "research", ["data", "governance"], ["REG"], ["governments"],
     D(2024, 9, 1), D(2025, 12, 31), "completed", 300000, ["10.7", "17.18"], [1, 23], 1, []),
    ("UNFPA", [("UN-ESCWA", "partner")], "Migration questions in the 2030 round of population censuses",
     "أسئلة الهجرة في جولة تعدادات السكان لعام 2030", "Questions sur les migrations dans le cycle de "
     "recensements de 2030",
     "Helps national statistical offices add and test migration questions, disaggregated by sex and age.",
     "data", ["data"], ["EGY", "MAR", "TUN", "JOR"], ["governments"],
     D(2025, 3, 1), D(2027, 12, 31), "ongoing", 700000, ["17.18"], [1], 2,
     ["Sex-disaggregated migration statistics"]),
    ("IOM", [], "Migration data capacity for national statistical offices in North Africa",
     "بناء قدرات مكاتب الإحصاء الوطنية في شمال أفريقيا في مجال بيانات الهجرة",
     "Renforcer les capacités des instituts de statistique d'Afrique du Nord sur les données migratoires",
     "Training and tools for administrative migration data in Morocco, Tunisia and Egypt.",
     "capacity", ["data"], ["MAR", "TUN", "EGY"], ["governments"],
     D(2025, 4, 1), D(2027, 3, 31), "ongoing", 650000, ["17.18"], [1], 1,
     ["Sex-disaggregated migration statistics"]),
    ("IOM", [], "Voluntary return and reintegration of migrants stranded in Libya",
     "العودة الطوعية وإعادة إدماج المهاجرين العالقين في ليبيا", "Retour volontaire et réintégration des "
     "migrants bloqués en Libye",
     "Assisted voluntary return with community-based reintegration in countries of origin.",
     "technical", ["return", "irregular"], ["LBY", "SDN", "OUT"], ["returnees"],
     D(2024, 1, 1), D(2026, 12, 31), "ongoing", 5200000, ["10.7"], [21, 8], 1, []),
    ("UNAIDS", [], "HIV services for migrants and mobile populations in Djibouti and Somalia",
     "خدمات فيروس نقص المناعة البشرية للمهاجرين والسكان المتنقلين في جيبوتي والصومال",
     "Services VIH pour les migrants et populations mobiles à Djibouti et en Somalie",
     "Mobile testing and treatment along the migration route, with community organisations.",
     "technical", ["health"], ["DJI", "SOM"], ["migrant_workers", "civil_society"],
     D(2025, 1, 1), D(2026, 12, 31), "ongoing", 400000, ["3.8"], [15], 2, []),
    ("WHO", [], "Refugee and migrant health in the Horn of Africa and Yemen",
     "صحة اللاجئين والمهاجرين في القرن الأفريقي واليمن", "Santé des réfugiés et des migrants dans la Corne de "
     "l'Afrique et au Yémen",
     "Integrates migrants into primary health care and disease surveillance.",
     "technical", ["health", "displacement"], ["DJI", "SOM", "YEM", "SDN"], ["refugees", "host_communities"],
     D(2025, 7, 1), D(2027, 6, 30), "ongoing", 1500000, ["3.8"], [15], 1, []),
    ("LAS", [("UN-ESCWA", "partner"), ("IOM", "partner")],
     "Arab regional review of the Global Compact for Migration",
     "الاستعراض الإقليمي العربي للاتفاق العالمي من أجل الهجرة", "Examen régional arabe du Pacte mondial sur "
     "les migrations",
     "Prepares the regional review and the consultations of member States and stakeholders.",
     "normative", ["governance"], ["REG"], ["governments", "civil_society"],
     D(2025, 9, 1), D(2026, 6, 30), "ongoing", 250000, ["10.7"], [23], 1,
     ["Regional follow-up of the Global Compact for Migration"]),
    ("ALO", [], "Model bilateral labour migration agreements for Arab States",
     "نماذج اتفاقيات ثنائية لهجرة العمالة للدول العربية", "Modèles d'accords bilatéraux de migration de "
     "main-d'œuvre pour les États arabes",
     "Drafts model clauses on wages, social security and dispute settlement for bilateral agreements.",
     "normative", ["labour", "governance"], ["REG", "EGY", "SAU"], ["governments", "social_partners"],
     D(2025, 2, 1), D(2026, 12, 31), "ongoing", 150000, ["8.8", "10.7"], [5, 22], 0,
     ["Fair recruitment of migrant workers to the Gulf"]),
    ("IOM", [], "Counter-trafficking along the Eastern Route", "مكافحة الاتجار بالأشخاص على الطريق الشرقي",
     "Lutte contre la traite sur la route de l'Est",
     "Identification and protection of victims of trafficking, and training of border officials.",
     "technical", ["trafficking", "irregular"], ["YEM", "DJI", "SOM"], ["victims", "governments"],
     D(2025, 1, 1), D(2027, 12, 31), "ongoing", 2100000, ["8.7", "16.2"], [9, 10], 2, []),
    ("UN-Women", [("IOM", "partner")], "Gender-responsive migration governance in Morocco and Tunisia",
     "حوكمة الهجرة المراعية للمنظور الجنساني في المغرب وتونس", "Gouvernance des migrations sensible au genre "
     "au Maroc et en Tunisie",
     "Supports national migration strategies that address the needs of women migrants.",
     "normative", ["women", "governance"], ["MAR", "TUN"], ["women_girls", "governments"],
     D(2025, 5, 1), D(2027, 4, 30), "ongoing", 800000, ["5.2", "10.7"], [7, 17], 3, []),
    ("ILO", [], "Remittances and financial inclusion of migrant families in Egypt",
     "التحويلات المالية والشمول المالي لأسر المهاجرين في مصر", "Envois de fonds et inclusion financière des "
     "familles de migrants en Égypte",
     "Financial education and digital transfer products for migrants' families.",
     "technical", ["remittances"], ["EGY"], ["diaspora"],
     D(2026, 1, 1), D(2027, 12, 31), "pipeline", 600000, ["10.c"], [20], 1,
     ["Lower remittance costs for migrant families"]),
    ("UN-ESCWA", [], "Climate change and human mobility in the Arab region",
     "تغير المناخ والتنقل البشري في المنطقة العربية", "Changement climatique et mobilité humaine dans la région "
     "arabe",
     "Research on climate-related displacement and migration, with policy options.",
     "research", ["climate", "displacement"], ["REG", "SDN", "SOM"], ["governments"],
     D(2025, 10, 1), D(2026, 12, 31), "ongoing", 200000, ["13.1", "10.7"], [2], 1, []),
]

PRACTICES = [
    ("ILO", "Standard unified contract for domestic workers", "عقد العمل الموحد للعمال المنزليين",
     "Contrat unifié type pour les travailleurs domestiques", ["LBN"], "women", PracticeStatus.PUBLISHED,
     "A tripartite working group drafted a standard contract guaranteeing a weekly rest day, the right to keep "
     "one's passport and access to complaint mechanisms.",
     "Complaints handled within 30 days rose from a third to two thirds of cases over two years (demo figures).",
     "Involving employers' representatives from the start made the contract acceptable.",
     "A ministry of labour willing to adopt the contract by decree; legal aid providers to follow up complaints."),
    ("IOM", "One-stop migrant resource centres", "مراكز موارد المهاجرين الشاملة",
     "Centres de ressources pour les migrants à guichet unique", ["EGY", "TUN"], "labour", PracticeStatus.PUBLISHED,
     "Centres run with ministries give pre-departure information, skills recognition and referral to services.",
     "Visitors who used the centres reported fewer recruitment fees paid (demo figures).",
     "Partnership with local authorities keeps the centres running after the project.",
     "An existing public employment service to host the centre; trained counsellors."),
    ("UNFPA", "Testing migration questions before the census", "اختبار أسئلة الهجرة قبل التعداد",
     "Tester les questions migratoires avant le recensement", ["MAR"], "data", PracticeStatus.PUBLISHED,
     "Cognitive testing of the census migration module with migrant households.",
     "Item non-response fell markedly in the pilot census (demo figures).",
     "Testing in the languages migrants speak is essential.",
     "A national statistical office planning its census two years ahead."),
    ("UN-Women", "Women migrants' peer networks", "شبكات الأقران للنساء المهاجرات",
     "Réseaux de pairs de femmes migrantes", ["JOR"], "women", PracticeStatus.SUBMITTED,
     "Trained women migrants inform and accompany their peers.",
     "More women reached legal aid services (demo figures).",
     "Peer leaders need supervision and protection from retaliation.",
     "Civil society partners with access to migrant communities."),
]


def _agency(acronym: str) -> Agency:
    return Agency.objects.get(acronym=acronym)


@transaction.atomic
def load() -> None:
    """Create the demo catalogue; running it again changes nothing."""
    by = User.objects.filter(email="secretariat@demo.rwg-portal.org").first()
    if by is None:  # members.demo.load() runs first and creates the demo secretariat
        return
    areas = {}
    for en, ar, fr, place, theme, source, ref in PRIORITIES:
        area = PriorityArea.objects.filter(title_en=f"{en} (demo)").first()
        if area is None:
            area = services.priority_area_save(area=None, by=by, fields=dict(
                title_en=f"{en} (demo)", title_ar=f"{ar} (تجريبي)", title_fr=f"{fr} (démo)", place=place, theme=theme,
                source=source, source_reference=ref,
                stated_on=D(2013, 6, 5) if source == "cairo_2013" else shifted(D(2024, 5, 1)),
                description=NOTE + "A priority area as a government might state it."))
        areas[en] = area
    activities = {}
    for (lead, partners, en, ar, fr, summary, kind, themes, countries, groups, start, end, status, budget, sdg, gcm,
         gender, priority_titles) in ACTIVITIES:
        activity = Activity.objects.filter(title_en=f"{en} (demo)").first()
        if activity is None:
            activity = services.activity_save(
                activity=None, by=by, reason="demo content",
                fields=dict(
                    lead_agency=_agency(lead), title_en=f"{en} (demo)", title_ar=f"{ar} (تجريبي)",
                    title_fr=f"{fr} (démo)", summary_en=NOTE + summary, summary_ar=NOTE_AR + ar,
                    summary_fr=NOTE_FR + fr, kind=kind, themes=themes, countries=countries, target_groups=groups,
                    starts_on=shifted(start), ends_on=shifted(end), status=status, budget=budget, currency="USD",
                    public=status != "planned",  # published once under way, as an agency would
                    funding_source="donor" if budget > 500000 else "core", sdg_targets=sdg, gcm_objectives=gcm,
                    gender_marker=gender,
                    gender_justification="Targets women migrants specifically (demo)." if gender else "",
                    human_rights_marker=2, human_rights_justification="Rights-based approach to migrants (demo).",
                ),
                priority_areas=[areas[title] for title in priority_titles],
                participants=[(_agency(acronym), role) for acronym, role in partners],
            )
        activities[en] = activity
    _indicators(activities, by)
    _practices(activities, by)
    _recommendations(activities, by)
    first = activities["Fair recruitment corridors between Egypt, Jordan and the Gulf"]
    second = activities["Labour mobility and ethical recruitment in Jordan and Qatar"]
    a, b = sorted((first, second), key=lambda activity: activity.pk)
    if not SynergyReview.objects.filter(activity_a=a, activity_b=b).exists():
        services.synergy_review_set(first=a, second=b, verdict="joint_candidate", by=by,
                                    note="Demo: discuss a joint fair recruitment programme at the next meeting.")


def _indicators(activities, by) -> None:
    activity = activities["Fair recruitment corridors between Egypt, Jordan and the Gulf"]
    if not activity.indicators.exists():
        for fields in (
            dict(title="Migrant workers recruited without paying fees (demo)", unit="people", concerns_people=True,
                 baseline_year=year(2024), baseline=1200, baseline_women=300, baseline_men=900, target=8000,
                 target_women=2500, target_men=5500, actual=3100, actual_women=800, actual_men=2300),
            dict(title="Recruitment agencies applying fair recruitment principles (demo)", unit="agencies",
                 baseline_year=year(2024), baseline=4, target=40, actual=17),
        ):
            indicator = Indicator(activity=activity, **fields)
            indicator._history_user = by
            indicator.full_clean()
            indicator.save()


def _practices(activities, by) -> None:
    for acronym, en, ar, fr, countries, theme, status, practice, evidence, lessons, replication in PRACTICES:
        if GoodPractice.objects.filter(title_en=f"{en} (demo)").exists():
            continue
        item = services.practice_save(practice=None, by=by, fields=dict(
            agency=_agency(acronym), title_en=f"{en} (demo)", title_ar=f"{ar} (تجريبي)", title_fr=f"{fr} (démo)",
            language="en", countries=countries, theme=theme, practice=NOTE + practice, evidence=evidence,
            lessons=lessons, replication=replication))
        services.practice_submit(practice=item, by=by)
        if status == PracticeStatus.PUBLISHED:
            services.practice_publish(practice=item, by=by)


# Governments' recommendations: invented for the demo. The real texts of the Cairo meeting of 4-5 June
# 2013 are not in the portal's files; the secretariat enters them from the outcome document.
RECOMMENDATIONS = [
    ("Demo 1", "labour", ["EGY", "JOR", "SAU", "QAT", "ARE", "KWT"],
     "Strengthen cooperation between countries of origin and destination on the fair recruitment of "
     "migrant workers.", "تعزيز التعاون بين بلدان المنشأ والمقصد في مجال التوظيف العادل للعمال المهاجرين.",
     "Renforcer la coopération entre pays d'origine et de destination pour le recrutement équitable.",
     ["Fair recruitment corridors between Egypt, Jordan and the Gulf",
      "Labour mobility and ethical recruitment in Jordan and Qatar"], "under_way"),
    ("Demo 2", "data", ["DZA", "MAR", "TUN", "LBY", "MRT"],
     "Improve the production of sex-disaggregated migration data by national statistical offices.",
     "تحسين إنتاج بيانات الهجرة المصنفة حسب الجنس في الأجهزة الإحصائية الوطنية.",
     "Améliorer la production de données migratoires ventilées par sexe par les instituts nationaux.",
     ["Migration data capacity for national statistical offices in North Africa"], "not_reviewed"),
    ("Demo 3", "remittances", ["EGY", "LBN", "JOR", "PSE", "YEM", "SDN"],
     "Reduce the cost of sending remittances and involve diaspora communities in development.",
     "خفض تكلفة التحويلات المالية وإشراك مجتمعات المغتربين في التنمية.",
     "Réduire le coût des envois de fonds et associer les diasporas au développement.", [], "not_started"),
    ("Demo 4", "women", ["SAU", "KWT", "BHR", "OMN", "QAT", "ARE", "LBN", "JOR"],
     "Extend labour protection to migrant domestic workers, most of whom are women.",
     "توسيع نطاق الحماية العمالية لتشمل العمال المنزليين المهاجرين، ومعظمهم من النساء.",
     "Étendre la protection du travail aux travailleurs domestiques migrants, pour la plupart des femmes.",
     [], "not_reviewed"),
]


def _recommendations(activities, by) -> None:
    """Four invented recommendations "as governments might make them", labelled demo (idempotent)."""
    from programmes.models import GovernmentRecommendation

    by_title = {activity.title_en.removesuffix(" (demo)"): activity for activity in activities.values()}
    for ref, theme, countries, en, ar, fr, responding, status in RECOMMENDATIONS:
        if GovernmentRecommendation.objects.filter(reference=ref, is_demo=True).exists():
            continue
        recommendation = services.recommendation_save(is_demo=True, by=by, data=dict(
            forum="cairo_2013", reference=ref, theme=theme, countries=countries,
            text_en=f"{NOTE}Not a text of the Cairo meeting: {en} (demo)",
            text_ar=f"{NOTE_AR}ليس نصاً من اجتماع القاهرة: {ar} (تجريبي)",
            text_fr=f"{NOTE_FR}Pas un texte de la réunion du Caire : {fr} (démo)"),
            activities=[by_title[title] for title in responding if title in by_title])
        if status != "not_reviewed":
            services.recommendation_review(recommendation=recommendation, status=status, by=by,
                                           note="Demo: reviewed with the lead agencies.")
