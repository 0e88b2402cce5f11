from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gugus_tugas.models import TaskForce
from gugus_tugas.roles import Role
from gugus_tugas.scoping import task_force_scope
from gugus_tugas.services.people import invitation_create, invitation_link


class Command(BaseCommand):
    help = "Invite the first person (usually the secretariat admin) of a task force; prints the link."

    def add_arguments(self, parser):
        parser.add_argument("--task-force", required=True, help="task force code: nasional, 14, 14.71")
        parser.add_argument("--email", required=True)
        parser.add_argument("--role", required=True, choices=Role.values)

    def handle(self, *args, task_force, email, role, **options):
        tf = TaskForce.objects.filter(code=task_force).first()
        if tf is None:
            raise CommandError(f"Gugus tugas dengan kode {task_force!r} tidak ditemukan.")
        try:
            with task_force_scope(tf):
                invitation = invitation_create(task_force=tf, email=email, role=role)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        self.stdout.write(f"Undangan untuk {invitation.email} ({invitation.get_role_display()}) "
                          f"di {tf.name}, berlaku sampai {invitation.expires_at:%Y-%m-%d %H:%M} UTC:")
        self.stdout.write(invitation_link(invitation))
