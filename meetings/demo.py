"""Demo content of the meetings app: a realistic year of the Group's meetings, plus the last
meetings of the year before and the first one planned for the year after.

The story is written for 2026 and told about the story year (rwg_portal.demo): loaded on any day,
the same meetings are held, postponed and planned, and the same action items are done, open or overdue.

Everything here is demo content and says so: every meeting's subject ends in "(demo)",
papers are stamped "DEMO", minutes and decisions open with "Demo content". Times are those
of the venues (Beirut, Cairo). Loading twice changes nothing.
"""

import datetime
import io
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from meetings.choices import (
    ActionItemStatus,
    GuestOrganisationKind,
    GuestResponse,
    InvitationResponse,
    MeetingCity,
    MeetingKind,
    MeetingMode,
    MeetingStatus,
    MinutesStatus,
    Representation,
)
from meetings.models import Decision, GuestInvitation, Invitation, Meeting, MinutesSection
from meetings.services import actions, agenda, attendance, decisions, documents, meetings, minutes
from meetings.services.invitations import member_invitees
from members.models import Agency, User
from rwg_portal.demo import ahead, day, demo_pdf, not_after_today, not_before_today, working_day, year
from rwg_portal.demo import at as _at

DOMAIN = "demo.rwg-portal.org"
MARK = "(demo)"
BEIRUT = zoneinfo.ZoneInfo("Asia/Beirut")
CAIRO = zoneinfo.ZoneInfo("Africa/Cairo")


def _person(local: str) -> User | None:
    return User.objects.filter(email=f"{local}@{DOMAIN}").first()


def _agency(acronym: str) -> Agency | None:
    return Agency.objects.filter(acronym=acronym).first()


def _xlsx(title: str, header: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Demo"
    sheet.append([f"{title} - DEMO CONTENT, not real data"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _paper(meeting, item, title, filename, content, by):
    documents.document_upload(meeting=meeting, agenda_item=item, title=f"{title} {MARK}",
                              upload=SimpleUploadedFile(filename, content), by=by)


def _schedule(*, kind=MeetingKind.REGULAR, title, starts, ends, mode, city="", venue="", chair=None, by,
              zone="Asia/Beirut"):
    link = "https://meet.demo.rwg-portal.org/rwg-" + starts.strftime("%Y%m%d") if mode != MeetingMode.IN_PERSON else ""
    return meetings.meeting_schedule(kind=kind, title=f"{title} {MARK}", starts_at=starts, ends_at=ends,
                                     time_zone=zone, mode=mode, city=city, venue=venue, video_link=link,
                                     chair_agency=_agency(chair) if chair else None, by=by)


def _items(meeting, rows, by):
    created = []
    for title, presenter, minutes_count, description in rows:
        created.append(agenda.agenda_item_add(meeting=meeting, by=by, data={
            "title": title, "presenting_agency": _agency(presenter) if presenter else None,
            "duration_minutes": minutes_count, "description": description}))
    return created


def _invite(meeting, answers: dict[str, str], by):
    """Invitations as they stood (the e-mails of past meetings are not sent again)."""
    for person, agency in member_invitees():
        local = person.email.split("@")[0]
        response = answers.get(local, InvitationResponse.PENDING)
        Invitation.objects.get_or_create(meeting=meeting, person=person, defaults=dict(
            agency=agency, invited_by=by, invited_at=meeting.starts_at - datetime.timedelta(days=21),
            email_sent_at=meeting.starts_at - datetime.timedelta(days=21), response=response,
            responded_at=(meeting.starts_at - datetime.timedelta(days=10)) if response != "pending" else None))


def _attendance(meeting, rows: dict[str, tuple], by):
    """rows: acronym -> (representation, remote[, other name]); agencies not named were absent."""
    data = []
    for agency in attendance.expected_agencies(meeting):
        representation, remote, *name = rows.get(agency.acronym, (Representation.ABSENT, False))
        data.append({"agency": agency, "representation": representation, "remote": remote,
                     "representative_name": name[0] if name else ""})
    attendance.attendance_record(meeting=meeting, rows=data, by=by)


def _minutes(meeting, texts: list[str], by):
    for item, text in zip(meeting.agenda_items.order_by("position"), texts, strict=False):
        minutes.minutes_section_save(agenda_item=item, text=f"*Demo content.* {text}", by=by)
    # Written in the week after the meeting, as far as the demo is concerned.
    MinutesSection.objects.filter(agenda_item__meeting=meeting).update(
        updated_at=meeting.ends_at + datetime.timedelta(days=5))


def _decide(meeting, text, *, item=None, rcm=False, by):
    return decisions.decision_record(meeting=meeting, text=f"Demo content. {text}", agenda_item=item,
                                     report_to_rcm=rcm, by=by)


def _action(meeting, title, owner, due, *, assignee=None, decision=None, status=ActionItemStatus.OPEN, note="",
            by):
    item = actions.action_item_create(meeting=meeting, title=f"{title} {MARK}", owner_agency=_agency(owner),
                                      due_on=due, assignee=_person(assignee) if assignee else None,
                                      decision=decision, by=by)
    if status != ActionItemStatus.OPEN or note:
        item = actions.action_item_update(item=item, data={"status": status, "progress_note": note}, by=by)
    if status == ActionItemStatus.DONE:
        # Done on time, as far as the demo is concerned (not on the day the demo was loaded).
        item.completed_on = not_after_today(due, days=0)
        item.save(update_fields=["completed_on"])
    return item


def _year_2025(by):
    """The end of the year before, briefly: three meetings held, the last one with action items still open."""
    m1 = _schedule(title=f"First meeting of {year(2025)}", starts=_at(CAIRO, 2025, 3, 12, 10),
                   ends=_at(CAIRO, 2025, 3, 12, 13),
                   mode=MeetingMode.IN_PERSON, city=MeetingCity.CAIRO, venue="League of Arab States headquarters",
                   chair="LAS", by=by)
    _attendance(m1, {a: (Representation.FOCAL_POINT, False) for a in ("ALO", "ILO", "IOM", "LAS", "UN-ESCWA",
                                                                       "UNFPA", "WHO")}, by)
    m2 = _schedule(title="Mid-year review", starts=_at(BEIRUT, 2025, 6, 18, 11), ends=_at(BEIRUT, 2025, 6, 18, 13),
                   mode=MeetingMode.VIDEOCONFERENCE, chair="IOM", by=by)
    _attendance(m2, {a: (Representation.FOCAL_POINT, True) for a in ("ILO", "IOM", "LAS", "UN-ESCWA", "UN-Women",
                                                                      "UNFPA")}, by)
    m3 = _schedule(title=f"Planning for {year(2026)}", starts=_at(BEIRUT, 2025, 11, 20, 10),
                   ends=_at(BEIRUT, 2025, 11, 20, 13), mode=MeetingMode.IN_PERSON, city=MeetingCity.BEIRUT,
                   venue="UN House, Riad El Solh Square, conference room 3", chair="UN-ESCWA", by=by)
    _attendance(m3, {"ILO": (Representation.FOCAL_POINT, False), "IOM": (Representation.ALTERNATE, False),
                     "LAS": (Representation.FOCAL_POINT, True), "UN-ESCWA": (Representation.FOCAL_POINT, False),
                     "UNFPA": (Representation.OTHER, False, "Programme officer (demo)"),
                     "UN-Women": (Representation.FOCAL_POINT, True), "WHO": (Representation.FOCAL_POINT, True)}, by)
    for meeting in (m1, m2):
        exchange = agenda.agenda_item_add(meeting=meeting, by=by, data={
            "title": {"en": "Exchange of information on ongoing work", "ar": "تبادل المعلومات عن الأعمال الجارية",
                      "fr": "Échange d'informations sur les travaux en cours"}, "duration_minutes": 90})
        minutes.minutes_section_save(agenda_item=exchange, by=by, text="*Demo content.* Members exchanged "
                                     "information on their ongoing migration work.")
    item = agenda.agenda_item_add(meeting=m3, by=by, data={
        "title": f"Draft workplan {year(2026)}", "presenting_agency": _agency("UN-ESCWA"), "duration_minutes": 60})
    minutes.minutes_section_save(agenda_item=item, text="*Demo content.* The secretariat presented the draft "
                                 f"workplan for {year(2026)}; members will send comments by the end of the year.",
                                 by=by)
    d1 = _decide(m3, f"Members send their comments on the draft workplan {year(2026)} to the secretariat.", item=item,
                 by=by)
    _action(m3, f"Send comments on the draft workplan {year(2026)}", "ILO", day(2025, 12, 19), assignee="focal.ilo",
            decision=d1, status=ActionItemStatus.DONE, by=by)
    _action(m3, "Update the mapping of members' migration projects", "IOM", day(2026, 1, 31),
            assignee="focal.iom", status=ActionItemStatus.DONE, by=by)
    _action(m3, "Share the regional data on migrant health services", "WHO", day(2026, 3, 31),
            assignee="focal.who", status=ActionItemStatus.IN_PROGRESS,
            note="Country data received from 9 of 14 offices. (demo)", by=by)
    minutes.minutes_approve(meeting=m1, approved_on=m2.local_starts_at.date(), at_meeting=m2, by=by)
    minutes.minutes_approve(meeting=m2, approved_on=m3.local_starts_at.date(), at_meeting=m3, by=by)
    return m3


def _meeting_1(previous, by):
    """The first meeting of the story year, Beirut, February: the workplan and the Situation Report."""
    m = _schedule(title=f"Workplan {year(2026)} and the Situation Report", starts=_at(BEIRUT, 2026, 2, 17, 10),
                  ends=_at(BEIRUT, 2026, 2, 17, 13, 30), mode=MeetingMode.IN_PERSON, city=MeetingCity.BEIRUT,
                  venue="UN House, Riad El Solh Square, conference room 3", chair="UN-ESCWA", by=by)
    workplan, gcm, report, aob = _items(m, [
        (f"Workplan {year(2026)} of the Working Group", "UN-ESCWA", 45,
         "Presentation of the final draft, with the comments received in December."),
        ("Regional review of the Global Compact for Migration: preparations", "IOM", 40,
         "Timeline of the regional review and the Group's joint contribution."),
        (f"Situation Report on International Migration {year(2027)}: outline and contributions", "UN-ESCWA", 45,
         "Proposed chapters, lead agencies and data sources."),
        ("Any other business", None, 15, ""),
    ], by)
    _paper(m, workplan, f"Workplan {year(2026)}, final draft", f"workplan-{year(2026)}.pdf", demo_pdf(
        f"Workplan {year(2026)} of the Working Group", [
        "1. Information sharing: quarterly updates from members.", f"2. Joint research: Situation Report {year(2027)}.",
        "3. Data: sex-disaggregated migration statistics, with UN DESA.", "4. Regional review of the GCM."]), by)
    outline = ["Chapter 1: Trends (UN-ESCWA)", "Chapter 2: Labour migration (ILO)",
               "Chapter 3: Migrants' health (WHO)", "Chapter 4: Women migrants (UN-Women)"]
    _paper(m, report, f"Situation Report {year(2027)}, annotated outline", "situation-report-outline.pdf",
           demo_pdf(f"Situation Report {year(2027)} - annotated outline", outline), by)
    _paper(m, report, "Contributions and lead agencies", "contributions.xlsx", _xlsx(
        f"Situation Report {year(2027)} contributions", ["Chapter", "Lead agency", "Draft due"],
        [["Trends", "UN-ESCWA", f"{year(2026)}-06-30"], ["Labour migration", "ILO", f"{year(2026)}-07-31"],
         ["Health", "WHO", f"{year(2026)}-07-31"], ["Women migrants", "UN-Women", f"{year(2026)}-08-31"]]), by)
    _invite(m, {"focal.iom": "in_person", "alternate.iom": "in_person", "focal.ilo": "in_person",
                "focal.las": "remote", "focal.escwa": "in_person", "alternate.escwa": "in_person",
                "focal.unfpa": "cannot_attend", "focal.unwomen": "remote", "focal.who": "remote",
                "focal.alo": "in_person"}, by)
    _attendance(m, {"ALO": (Representation.FOCAL_POINT, False), "ILO": (Representation.FOCAL_POINT, False),
                    "IOM": (Representation.FOCAL_POINT, False), "LAS": (Representation.FOCAL_POINT, True),
                    "UN-ESCWA": (Representation.FOCAL_POINT, False),
                    "UNFPA": (Representation.OTHER, True, "Regional data adviser (demo)"),
                    "UN-Women": (Representation.FOCAL_POINT, True), "WHO": (Representation.ALTERNATE, True)}, by)
    _minutes(m, [
        f"The minutes of {previous.reference} were approved without changes.",
        "Members reviewed the open action items. WHO reported that the regional data on migrant health services "
        "are being compiled.",
        "The secretariat presented the final draft workplan. Members welcomed the stronger focus on "
        "sex-disaggregated data.\n\n- ILO asked that labour mobility schemes be covered.\n"
        "- LAS recalled the Arab Regional Consultative Process timetable.",
        "IOM presented the timeline of the regional review. Members agreed to prepare a joint contribution.",
        "UN-ESCWA presented the outline. Lead agencies were agreed for each chapter (see the table in the papers).",
        "No other business was raised.",
    ], by)
    d1 = _decide(m, f"The Working Group **adopts its workplan for {year(2026)}** as presented.", item=workplan,
                 rcm=True, by=by)
    d2 = _decide(m, "The Working Group agrees to prepare a joint contribution to the regional review of the "
                 "Global Compact for Migration, coordinated by IOM.", item=gcm, rcm=True, by=by)
    d3 = _decide(m, f"The outline of the Situation Report {year(2027)} and its lead agencies are agreed.",
                 item=report, by=by)
    _action(m, f"Circulate the adopted workplan {year(2026)} to all members", "UN-ESCWA", day(2026, 2, 27),
            assignee="focal.escwa", decision=d1, status=ActionItemStatus.DONE, by=by)
    _action(m, "Prepare a concept note for the joint GCM contribution", "IOM", day(2026, 4, 15),
            assignee="focal.iom", decision=d2, status=ActionItemStatus.DONE, by=by)
    _action(m, "Draft the labour migration chapter of the Situation Report", "ILO",
            not_before_today(day(2026, 12, 15), days=12),
            assignee="focal.ilo", decision=d3, status=ActionItemStatus.IN_PROGRESS,
            note=f"First draft shared with UN-ESCWA; figures for {year(2025)} awaited. (demo)", by=by)
    _action(m, "Provide sex-disaggregated data on refugees and migrants in the region", "UNFPA",
            not_after_today(day(2026, 10, 30), days=28), assignee="focal.unfpa", decision=d3, by=by)
    return m


def _meeting_2(by):
    """The second meeting of the story year, videoconference organised from Cairo, May."""
    m = _schedule(title="Joint contribution to the GCM regional review", starts=_at(CAIRO, 2026, 5, 20, 11),
                  ends=_at(CAIRO, 2026, 5, 20, 13), mode=MeetingMode.VIDEOCONFERENCE, chair="IOM", by=by,
                  zone="Africa/Cairo")
    contribution, heat, aob = _items(m, [
        ("Joint contribution to the GCM regional review: draft", "IOM", 50, "Discussion of the draft concept note."),
        ("Protection of migrant workers during extreme heat", "ILO", 30, ""),
        ("Any other business", None, 10, ""),
    ], by)
    _paper(m, contribution, "Concept note: joint contribution to the GCM review", "gcm-concept-note.pdf", demo_pdf(
        "Joint contribution to the GCM regional review", [
            "Objectives 6, 7 and 17 as priorities.", f"Evidence from members' programmes, {year(2022)}-{year(2025)}."]),
        by)
    _invite(m, {"focal.iom": "remote", "focal.ilo": "remote", "alternate.ilo": "remote", "focal.las": "remote",
                "focal.escwa": "remote", "focal.unfpa": "remote", "focal.unwomen": "cannot_attend",
                "focal.who": "remote"}, by)
    _attendance(m, {"ILO": (Representation.FOCAL_POINT, True), "IOM": (Representation.FOCAL_POINT, True),
                    "LAS": (Representation.FOCAL_POINT, True), "UN-ESCWA": (Representation.ALTERNATE, True),
                    "UNFPA": (Representation.FOCAL_POINT, True), "WHO": (Representation.FOCAL_POINT, True),
                    "UNAIDS": (Representation.OTHER, True, "Regional adviser (demo)")}, by)
    _minutes(m, [
        "The minutes of the previous meeting were approved.",
        "Members took stock of the open action items.",
        "IOM presented the concept note. Members asked for a stronger gender perspective.",
        "ILO briefed members on the protection of migrant workers during extreme heat. An extraordinary meeting "
        "will agree on a joint statement.",
        "None.",
    ], by)
    d1 = _decide(m, "The concept note is endorsed, with the changes agreed; IOM will finalise it.", item=contribution,
                 rcm=True, by=by)
    _decide(m, "An extraordinary meeting will be held in July on a joint statement on extreme heat.", item=heat, by=by)
    _action(m, "Finalise the concept note with a gender perspective", "IOM", day(2026, 6, 15),
            assignee="focal.iom", decision=d1, status=ActionItemStatus.DONE, by=by)
    _action(m, "Prepare a draft joint statement on extreme heat", "ILO", day(2026, 7, 1),
            assignee="focal.ilo", status=ActionItemStatus.DONE, by=by)
    return m


def _meeting_3(by):
    """The third meeting of the story year, extraordinary videoconference in July: a joint statement."""
    m = _schedule(kind=MeetingKind.EXTRAORDINARY, title="Joint statement on extreme heat and migrant workers",
                  starts=_at(BEIRUT, 2026, 7, 9, 14), ends=_at(BEIRUT, 2026, 7, 9, 15, 30),
                  mode=MeetingMode.VIDEOCONFERENCE, chair="LAS", by=by)
    (statement,) = _items(m, [("Adoption of the joint statement", "ILO", 60, "The draft was circulated on 1 July.")],
                          by)
    _paper(m, statement, "Draft joint statement", "joint-statement.pdf", demo_pdf("Joint statement (draft)", [
        "The members of the Working Group call for heat-stress protection for all workers, including migrants."]), by)
    _invite(m, {"focal.iom": "remote", "focal.ilo": "remote", "focal.las": "remote", "focal.escwa": "remote",
                "focal.unwomen": "remote", "focal.who": "remote"}, by)
    _attendance(m, {"ILO": (Representation.FOCAL_POINT, True), "IOM": (Representation.FOCAL_POINT, True),
                    "LAS": (Representation.FOCAL_POINT, True), "UN-ESCWA": (Representation.FOCAL_POINT, True),
                    "UN-Women": (Representation.FOCAL_POINT, True), "WHO": (Representation.FOCAL_POINT, True)}, by)
    _minutes(m, ["Members reviewed open action items.",
                 "The joint statement was adopted with two editorial changes proposed by UN-Women."], by)
    _decide(m, "The Working Group adopts the **joint statement on extreme heat and migrant workers** and asks the "
            "co-chairs to transmit it to the RCM.", item=m.agenda_items.get(title_en__startswith="Adoption"), rcm=True,
            by=by)
    return m


@transaction.atomic
def load() -> None:
    """Create the demo meetings; running it again changes nothing."""
    if Meeting.objects.filter(title__endswith=MARK).exists():
        _publish(_person("secretariat"))
        _guest(_person("secretariat"))
        _rcm_sessions(_person("secretariat"))
        return
    by = _person("secretariat")
    if by is None or not Agency.objects.filter(acronym="UN-ESCWA").exists():
        return  # the members app's demo (people and agencies) comes first
    last_2025 = _year_2025(by)
    m1 = _meeting_1(last_2025, by)
    minutes.minutes_approve(meeting=last_2025, approved_on=m1.local_starts_at.date(), at_meeting=m1, by=by)
    m2 = _meeting_2(by)
    minutes.minutes_approve(meeting=m1, approved_on=m2.local_starts_at.date(), at_meeting=m2, by=by)
    m3 = _meeting_3(by)
    minutes.minutes_approve(meeting=m2, approved_on=m3.local_starts_at.date(), at_meeting=m3, by=by)
    # The decisions reported to the RCM, of approved minutes, are also published on the public site.
    for decision in Decision.objects.filter(meeting__in=[last_2025, m1, m2], report_to_rcm=True):
        decisions.decision_publish(decision=decision, public=True, by=by)
    # Shared for comments (without e-mailing the demo people again).
    m3.refresh_from_db()
    m3.minutes_status, m3.minutes_shared_at = MinutesStatus.SHARED, _at(BEIRUT, 2026, 7, 20, 9)
    m3._change_reason = "minutes shared for comments"
    m3.save()

    # The fourth, Cairo, September: postponed (the room was needed for the High-Level Week follow-up).
    m4 = _schedule(title="Situation Report: first drafts", starts=_at(CAIRO, 2026, 9, 23, 10),
                   ends=_at(CAIRO, 2026, 9, 23, 13), mode=MeetingMode.HYBRID, city=MeetingCity.CAIRO,
                   venue="League of Arab States headquarters, Tahrir Square", chair="LAS", by=by)
    meetings.meeting_set_status(meeting=m4, status=MeetingStatus.POSTPONED, by=by, notify=False,
                                note="Clash with the follow-up to the UN General Assembly High-Level Week. (demo)")

    # The fifth, Cairo, December: planned, invitations out, some answers in; at least ten days ahead.
    start = ahead(_at(CAIRO, 2026, 12, 9, 10), days=10)
    m5 = meetings.meeting_clone(source=m4, starts_at=start, ends_at=start + datetime.timedelta(hours=3), by=by)
    m5.title = f"Situation Report drafts and the RCM {MARK}"
    m5.save(update_fields=["title"])
    # Titles in three languages for some items; the last is in English only (others read it marked).
    first = agenda.agenda_item_add(meeting=m5, by=by, data={
        "title": {"en": f"Situation Report {year(2027)}: first drafts of the chapters",
                  "ar": f"تقرير الحالة {year(2027)}: المسودات الأولى للفصول",
                  "fr": f"Rapport de situation {year(2027)} : premières versions des chapitres"},
        "presenting_agency": _agency("UN-ESCWA"), "duration_minutes": 60})
    agenda.agenda_item_add(meeting=m5, by=by, data={
        "title": "Request to join of the Regional Migrant Rights Network", "duration_minutes": 20,
        "description": "The request was received through the portal; see the request for the motivation."})
    agenda.agenda_item_add(meeting=m5, by=by, data={
        "title": {"en": "Report of the Group to the Regional Coordination Mechanism",
                  "ar": "تقرير الفريق إلى آلية التنسيق الإقليمية",
                  "fr": "Rapport du Groupe au Mécanisme de coordination régionale"},
        "presenting_agency": _agency("LAS"), "duration_minutes": 30})
    agenda.agenda_item_add(meeting=m5, by=by, data={"title": f"Dates of the meetings in {year(2027)}",
                                                    "duration_minutes": 10})
    _paper(m5, first, "Chapter drafts (compiled)", "chapters.pdf", demo_pdf(
        f"Situation Report {year(2027)} - chapter drafts", [
            f"Trends in international migration in the Arab region, {year(2020)}-{year(2025)}.",
            "Labour migration (draft by ILO)."]), by)
    _invite(m5, {"focal.iom": "in_person", "focal.ilo": "remote", "focal.las": "in_person",
                 "focal.escwa": "in_person", "focal.who": "cannot_attend"}, by)

    # The first of the year after, Beirut, February: in the plan already, eight weeks after the fifth at least.
    first_next = _at(BEIRUT, 2027, 2, 16, 10)
    if first_next.date() < start.date() + datetime.timedelta(days=56):
        later = working_day(start.date() + datetime.timedelta(days=56))
        first_next = datetime.datetime(later.year, later.month, later.day, 10, tzinfo=BEIRUT)
    _schedule(title=f"Workplan {year(2027)}", starts=first_next, ends=first_next + datetime.timedelta(hours=3),
              mode=MeetingMode.IN_PERSON, city=MeetingCity.BEIRUT, venue="UN House, Riad El Solh Square",
              chair="UN-ESCWA", by=by)
    _publish(by)
    _guest(by)
    _rcm_sessions(by)


def _guest(by) -> None:
    """An observer without an account (ToR 5) invited to the planned December meeting, who has answered;
    the compiled chapter drafts are shared with guests. Her link: ``meetings.emails.guest_link``."""
    meeting = Meeting.objects.filter(title=f"Situation Report drafts and the RCM {MARK}").first()
    if meeting is None or by is None:
        return
    GuestInvitation.objects.get_or_create(meeting=meeting, email="observer@demo-network.example", defaults=dict(
        name="Salma Observer (demo)", organisation=f"Arab Network for Migrants' Rights {MARK}",
        organisation_kind=GuestOrganisationKind.NGO, language="ar", response=GuestResponse.ATTENDING,
        response_note="I will present our network's data on domestic workers if time allows. (demo)",
        invited_by=by, invited_at=meeting.starts_at - datetime.timedelta(days=21),
        email_sent_at=meeting.starts_at - datetime.timedelta(days=21),
        responded_at=meeting.starts_at - datetime.timedelta(days=12)))
    meeting.documents.filter(title__startswith="Chapter drafts (compiled)").update(shared_with_guests=True)


# What the public calendar shows of the held meetings: summaries, and the decisions of approved minutes.
PUBLIC_SUMMARIES = {
    2: "The Group adopted its workplan for the year, agreed on its joint contribution to the regional review of "
       "the Global Compact for Migration and on the outline of the next Situation Report. (demo)",
    5: "Members agreed on the lead agencies of the Situation Report's chapters and on the data the Group will "
       "share with UN DESA. (demo)",
}


def _publish(by) -> None:
    """Publish the summaries and decisions of the first two meetings of the story year (idempotent)."""
    if by is None:
        return
    held = list(Meeting.objects.filter(title__endswith=MARK, status=MeetingStatus.HELD).order_by("starts_at"))
    for month, summary in PUBLIC_SUMMARIES.items():
        meeting = next((m for m in held if m.local_starts_at.month == month), None)
        if meeting is None or meeting.publish_summary:
            continue
        meetings.meeting_update(meeting=meeting, by=by, data={
            "public_summary": summary, "publish_summary": True, "publish_decisions": True})


def _rcm_sessions(by) -> None:
    """Two sessions of the Regional Coordination Mechanism in the story year, with their follow-up
    (idempotent). The reports demo adds the Situation Report edition presented at the second."""
    from meetings.models import RcmSession
    from meetings.services import rcm

    if by is None or RcmSession.objects.filter(is_demo=True).exists():
        return
    flagged = list(Decision.objects.filter(meeting__title__endswith=MARK, report_to_rcm=True)
                   .order_by("meeting__starts_at", "number"))
    first = rcm.rcm_session_save(is_demo=True, by=by, decisions=flagged[:2], data={
        "held_on": working_day(day(2026, 3, 24)), "place": "Amman, UN House (demo)",
        "title": f"Regional Coordination Mechanism, annual meeting {year(2026)} (demo)",
        "presentation": "*Demo content.* The co-chairs presented the Group's workplan and the decisions below.",
        "feedback": "*Demo content.* The RCM welcomed the Group's joint work on sex-disaggregated migration data.",
        "recommendations": "*Demo content.*\n\n1. Align the workplan with the regional review of the Global "
                           "Compact for Migration.\n2. Report on the joint programmes at the next session.",
    })
    rows = [("Share the workplan with the RCM secretariat (demo)", "LAS", day(2026, 4, 30), ActionItemStatus.DONE,
             "Sent on time. (demo)"),
            ("Map the joint programmes against the Global Compact objectives (demo)", "IOM", day(2026, 6, 30),
             ActionItemStatus.IN_PROGRESS, "Two of the three sub-regions mapped. (demo)"),
            ("Brief the RCM on data gaps in the Maghreb (demo)", "UN-ESCWA", day(2026, 5, 31),
             ActionItemStatus.OPEN, "")]
    second = rcm.rcm_session_save(is_demo=True, by=by, decisions=flagged[2:4], data={
        "held_on": not_after_today(working_day(day(2026, 11, 18)), days=3), "place": "Beirut, UN House (demo)",
        "title": f"Regional Coordination Mechanism, {year(2026)} review (demo)",
        "presentation": "*Demo content.* The Group presented the progress of the Situation Report.",
        "feedback": "*Demo content.* The RCM asked for the first chapters before its next session.",
        "recommendations": "",
    })
    rows_second = [("Circulate the first chapters of the Situation Report (demo)", "UN-ESCWA", day(2027, 2, 15),
                    ActionItemStatus.OPEN, "")]
    for session, items in ((first, rows), (second, rows_second)):
        for title, acronym, due, status, note in items:
            agency = _agency(acronym)
            if agency is None:
                continue
            rcm.rcm_follow_up_create(session=session, title=title, owner_agency=agency, due_on=due, status=status,
                                     progress_note=note, by=by)
