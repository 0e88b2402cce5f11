"""How to make an object of a task force for each URL keyword that names one.

The isolation harness walks every URL under /gt/<tf_code>/; for each keyword it calls the
provider here with a task force and puts the returned value in the URL. A new view with a new
keyword fails the harness until a provider is added here: that is the point.
"""

import io

from openpyxl import Workbook

from tests.cases.factories import CaseFactory, ReferralFactory, ServiceFactory, VictimFactory
from tests.factories import DecreeFactory, InvitationFactory, MembershipFactory, UserFactory
from tests.meetings.factories import (
    AgreementFactory,
    FollowUpFactory,
    MeetingFactory,
    RecommendationFactory,
)


def _decree(tf):
    from django.core.files.base import ContentFile

    decree = DecreeFactory(task_force=tf)
    decree.scan.save(f"{decree.code}.pdf", ContentFile(b"%PDF-1.4\n"))  # its scan page exists
    return decree.code


def _invitation(tf):
    return InvitationFactory(task_force=tf).code


def _membership(tf):
    return MembershipFactory(task_force=tf, user=UserFactory()).code


def _case(tf):
    return VictimFactory(case=CaseFactory(task_force=tf)).case.code


def _referral(tf):
    # a referral sent by this task force to a third one (neither A nor B of the harness)
    from tests.factories import task_force

    other = task_force("31.71")
    return ReferralFactory(case=CaseFactory(task_force=tf), to_task_force=other).code


def _attachment(tf):
    # through the service, so the file is stored as the site stores it (encrypted)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.attachments import attachment_add

    upload = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    return attachment_add(case=CaseFactory(task_force=tf), task_force=tf, acting_user=None,
                          upload=upload, content_type="application/pdf", ext=".pdf").code


def _import_job(tf):
    from cases.import_jobs import import_job_create

    return import_job_create(task_force=tf, acting_user=None, filename="kasus.csv",
                             data=b"no_kasus\n", rows=0).code


def _report_job(tf):
    from django.core.files.base import ContentFile

    from reports.models import ReportJob

    job = ReportJob(task_force=tf, year=2024, status="done")
    workbook = io.BytesIO()
    Workbook().save(workbook)  # a real (empty) workbook: the walks open what they download
    for field, content in (("pdf", b"%PDF-1.4\n"), ("xlsx", workbook.getvalue()),
                           ("json", b"{}")):
        getattr(job, field).save(f"{job.code}.{field}", ContentFile(content), save=False)
    job.save()
    return job.code


def _final_edition(tf):
    """A finalised edition of the year the harness asks for (`year` gives 2024)."""
    from django.core.files.base import ContentFile

    from reports.models import YearFinalisation

    final = YearFinalisation(task_force=tf, year=2024, edition=1, document_number="400/1/2024",
                             figures={})
    final.pdf.save(f"final-{tf.code}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    final.save()
    return final.code


def _finalising(tf):
    """A finalisation of the harness's year, done, with the edition it issued (its own revision
    and edition numbers, beside those of the `report` and `final` providers)."""
    from django.core.files.base import ContentFile

    from reports.models import FinaliseJob, ReportJob, YearFinalisation

    report = ReportJob.objects.create(task_force=tf, year=2024, status="done", revision=90)
    final = YearFinalisation(task_force=tf, year=2024, edition=90, document_number="400/90/2024",
                             figures={}, pdf_sha256="0" * 64)
    final.pdf.save(f"final-90-{tf.code}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    final.save()
    return FinaliseJob.objects.create(task_force=tf, year=2024, report=report, final=final,
                                      status=FinaliseJob.Status.DONE).code


def _api_token(tf):
    from reports.models import ApiToken

    raw = ApiToken.new_raw()
    return ApiToken.objects.create(task_force=tf, name="x", prefix=raw[3:11],
                                   digest=ApiToken.digest_of(raw)).code


def _rad_plan(tf):
    """The task force's plan in force (one per task force), with an activity and a report."""
    from rad.models import ActionPlan
    from tests.rad.factories import ActivityYearFactory, PlanFactory, ProgressReportFactory

    plan = ActionPlan.objects.filter(task_force=tf, status="in_force").first()
    if plan is None:
        from django.core.files.base import ContentFile

        plan = PlanFactory(task_force=tf, in_force=True)
        plan.scan.save(f"{plan.code}.pdf", ContentFile(b"%PDF-1.4\n"))
        ay = ActivityYearFactory(activity__plan=plan)
        report = ProgressReportFactory(activity=ay.activity, status="submitted")
        report.evidence.save(f"{report.code}.pdf", ContentFile(b"%PDF-1.4\n"))
    return plan


def _rad_report(tf):
    return _rad_plan(tf).activities.first().reports.first().code


def _meeting_attachment(tf):
    from django.core.files.base import ContentFile

    from meetings.models import MeetingAttachment
    att = MeetingAttachment(meeting=MeetingFactory(task_force=tf), task_force=tf, kind="invitation",
                            filename="undangan.pdf", content_type="application/pdf", size=9)
    att.file.save(f"{att.code}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    att.save()
    return att.code


def _follow_up(tf):
    from django.core.files.base import ContentFile

    fu = FollowUpFactory.build(recommendation=RecommendationFactory(
        meeting=MeetingFactory(task_force=tf)))
    fu.evidence.save(f"{fu.code}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    fu.evidence_name, fu.evidence_type = "bukti.pdf", "application/pdf"
    fu.save()
    return fu.code


def _agreement(tf):
    from django.core.files.base import ContentFile

    agreement = AgreementFactory.build(task_force=tf)
    agreement.scan.save(f"{agreement.code}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    agreement.save()
    return agreement.code


PROVIDERS = {
    "plan": lambda tf: _rad_plan(tf).code,
    "activity": lambda tf: _rad_plan(tf).activities.first().code,
    "rad_report": _rad_report,
    "meeting": lambda tf: MeetingFactory(task_force=tf).code,
    "recommendation": lambda tf: RecommendationFactory(meeting=MeetingFactory(task_force=tf)).code,
    "meeting_attachment": _meeting_attachment,
    "follow_up": _follow_up,
    "agreement": _agreement,
    "report": _report_job,
    "case": _case,
    "victim": lambda tf: VictimFactory(case=CaseFactory(task_force=tf)).code,
    "service": lambda tf: ServiceFactory(victim=VictimFactory(case=CaseFactory(task_force=tf))).code,
    "referral": _referral,
    "attachment": _attachment,
    "job": _import_job,
    "token": _api_token,
    "year": lambda tf: 2024,
    "final": _final_edition,
    "finalising": _finalising,
    "fmt": lambda tf: "xlsx",  # a format every download URL offers
    "decree": _decree,
    "invitation": _invitation,
    "membership": _membership,
}

# Keywords that do not name an object (a file format): the same for every task force.
NON_OBJECT = {"fmt"}

# Pages that exist only for a task force with others below it: the harness proves the way in
# as a member of this one (a district answers 404 there to everyone).
PAGE_OWNERS = {"cases:below": "18", "rad:comparison": "18",  # pages of a region above
               "monitoring:page": "18", "monitoring:export": "18"}


def furnish(tf):
    """What a task force's optional pages show (its logo), so that they answer."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (29, 78, 137)).save(out, "PNG")
    tf.logo.save(f"logo-{tf.code}.png", ContentFile(out.getvalue()))
