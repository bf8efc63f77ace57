"""Demo stakeholders (clearly demo: "(demo)" in every name, addresses @demo.rwg-portal.org): two proposed good
practices awaiting moderation, an open consultation with answers, and a closed one with its summary.

The consultations' periods follow the day the demo is loaded (``rwg_portal.demo.today``): one is always
open, the other always closed.
"""

import datetime
import zoneinfo

from django.db import transaction

from members.choices import AnswerStatus
from members.models import Consultation, ConsultationAnswer, PracticeProposal, User
from rwg_portal.demo import today

DOMAIN = "demo.rwg-portal.org"
BEIRUT = zoneinfo.ZoneInfo("Asia/Beirut")

PROPOSALS = [
    dict(organisation="جمعية تضامن للعمال المهاجرين (demo)", organisation_kind="migrants",
         contact_name="رانيا حداد (demo)", contact_email=f"rania.haddad@{DOMAIN}", language="ar",
         title="عيادات قانونية متنقلة للعاملات المنزليات المهاجرات", countries=["LBN", "JOR"], theme="women",
         practice="يزور محامون متطوعون أماكن سكن العاملات المنزليات كل أسبوع لتقديم المشورة القانونية. (محتوى تجريبي)",
         evidence="أكثر من 300 قضية سُوّيت خلال عام واحد. (محتوى تجريبي)",
         lessons="تُبنى الثقة بالذهاب إلى الناس حيث يعيشون. (محتوى تجريبي)",
         replication="شبكة من المحامين المتطوعين وشريك محلي موثوق. (محتوى تجريبي)"),
    dict(organisation="Forum des diasporas maghrébines (demo)", organisation_kind="migrants",
         contact_name="Karim Benali (demo)", contact_email=f"karim.benali@{DOMAIN}", language="fr",
         title="Comparateur en ligne des frais de transfert", countries=["MAR", "TUN", "DZA"], theme="remittances",
         practice="Un site compare chaque mois les frais des transferts d'argent vers le Maghreb. (Contenu de démo.)",
         evidence="Les frais moyens ont baissé de 9 % à 6 % en deux ans. (Contenu de démo.)",
         lessons="La transparence fait baisser les prix. (Contenu de démo.)",
         replication="Des données publiées par les opérateurs. (Contenu de démo.)"),
]


def _period(opens_days: int, closes_days: int) -> dict:
    now = datetime.datetime.combine(today(), datetime.time(9), tzinfo=BEIRUT)
    return {"opens_at": now + datetime.timedelta(days=opens_days),
            "closes_at": now + datetime.timedelta(days=closes_days, hours=8)}


@transaction.atomic
def load() -> None:
    """Create the demo stakeholders; running it again changes nothing."""
    for data in PROPOSALS:
        PracticeProposal.objects.get_or_create(contact_email=data["contact_email"], title=data["title"],
                                               defaults=data)
    by = User.objects.filter(email=f"secretariat@{DOMAIN}").first()
    # The open one in three languages; the closed one in English only (Arabic and French readers see it marked).
    open_one, created = Consultation.objects.get_or_create(
        title_en="Lowering the cost of remittances (demo)", defaults={
        "title_ar": "خفض كلفة التحويلات المالية (تجريبي)",
        "title_fr": "Réduire le coût des envois de fonds (démo)",
        "question_en": "What would make sending money home cheaper and safer for migrants in the Arab region? "
                       "(Demo content.)",
        "question_ar": "ما الذي يجعل إرسال الأموال إلى الوطن أرخص وأكثر أماناً للمهاجرين في المنطقة العربية؟ "
                       "(محتوى تجريبي)",
        "question_fr": "Qu'est-ce qui rendrait l'envoi d'argent au pays moins cher et plus sûr pour les migrants "
                       "de la région arabe ? (Contenu de démo.)",
        "language": "en", "questions": ["Which corridor matters most to you?", "What do you pay today?"],
        "time_zone": "Asia/Beirut", "created_by": by, **_period(-10, 20)})
    if created:
        ConsultationAnswer.objects.create(
            consultation=open_one, organisation="Forum des diasporas maghrébines (demo)", organisation_kind="migrants",
            contact_name="Karim Benali (demo)", contact_email=f"karim.benali@{DOMAIN}", language="fr",
            answer="Les frais restent trop élevés vers le Maghreb. (Contenu de démo.)",
            replies=["France – Maroc", "Environ 7 %"])
    closed, created = Consultation.objects.get_or_create(
        title_en="Priorities for the regional review of the Global Compact for Migration (demo)", defaults={
            "question_en": "Which objectives of the Global Compact should the Group's next report look at first? "
                        "(Demo content.)",
            "language": "en", "time_zone": "Asia/Beirut", "created_by": by,
            "summary_en": "Twelve organisations answered. Most asked the Group to look first at fair recruitment "
                       "(objective 6) and at access to basic services (objective 15). (Demo content.)",
            **_period(-90, -45)})
    if created:
        for organisation, kind, text in (
            ("Regional Migrant Rights Network (demo)", "civil_society",
             "Fair recruitment first: fees charged to workers remain common. (Demo content.)"),
            ("جمعية تضامن للعمال المهاجرين (demo)", "migrants",
             "الوصول إلى الخدمات الصحية للعاملات المنزليات. (محتوى تجريبي)"),
        ):
            ConsultationAnswer.objects.create(
                consultation=closed, organisation=organisation, organisation_kind=kind,
                contact_name="Demo contact (demo)", contact_email=f"contact@{DOMAIN}",
                language="ar" if "(محتوى" in text else "en", answer=text, status=AnswerStatus.ACCEPTED,
                moderated_by=by, moderated_at=closed.closes_at)
