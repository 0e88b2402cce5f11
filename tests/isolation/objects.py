"""How to make an object of a task force for each URL keyword that names one.

The isolation harness walks every URL under /gt/<tf_code>/; for each keyword it calls the
provider here with a task force and puts the returned value in the URL. A new view with a new
keyword fails the harness until a provider is added here: that is the point.
"""

from cases.models import Attachment, ImportJob
from tests.cases.factories import CaseFactory, ReferralFactory, VictimFactory
from tests.factories import DecreeFactory, InvitationFactory, MembershipFactory, UserFactory
from tests.meetings.factories import (
    AgreementFactory,
    FollowUpFactory,
    MeetingFactory,
    RecommendationFactory,
)


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
    "meeting": lambda tf: MeetingFactory(task_force=tf).code,
    "recommendation": lambda tf: RecommendationFactory(meeting=MeetingFactory(task_force=tf)).code,
    "meeting_attachment": _meeting_attachment,
    "follow_up": _follow_up,
    "agreement": _agreement,
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
