"""How to make an object of a task force for each URL keyword that names one.

The isolation harness walks every URL under /gt/<tf_code>/; for each keyword it calls the
provider here with a task force and puts the returned value in the URL. A new view with a new
keyword fails the harness until a provider is added here: that is the point.
"""

from cases.models import Attachment, ImportJob
from tests.cases.factories import CaseFactory, ReferralFactory, VictimFactory
from tests.factories import DecreeFactory, InvitationFactory, MembershipFactory, UserFactory


def _decree(tf):
    return DecreeFactory(task_force=tf).code


def _invitation(tf):
    return InvitationFactory(task_force=tf).token


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
    from django.core.files.base import ContentFile

    att = Attachment(case=CaseFactory(task_force=tf), task_force=tf, filename="bukti.pdf",
                     content_type="application/pdf", size=9)
    att.file.save(f"{att.code}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    att.save()
    return att.code


def _import_job(tf):
    from django.core.files.base import ContentFile

    job = ImportJob(task_force=tf, filename="kasus.csv")
    job.file.save("kasus.csv", ContentFile(b"no_kasus\n"), save=False)
    job.save()
    return job.code


def _report_job(tf):
    from reports.models import ReportJob

    return ReportJob.objects.create(task_force=tf, year=2024, status="done").code


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


PROVIDERS = {
    "plan": lambda tf: _rad_plan(tf).code,
    "activity": lambda tf: _rad_plan(tf).activities.first().code,
    "rad_report": _rad_report,
    "report": _report_job,
    "case": _case,
    "victim": lambda tf: VictimFactory(case=CaseFactory(task_force=tf)).code,
    "referral": _referral,
    "attachment": _attachment,
    "job": _import_job,
    "token": _api_token,
    "year": lambda tf: 2024,
    "fmt": lambda tf: "csv",
    "decree": _decree,
    "invitation": _invitation,
    "membership": _membership,
}

# Keywords that do not name an object (a file format): the same for every task force.
NON_OBJECT = {"fmt"}
