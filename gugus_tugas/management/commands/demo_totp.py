from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gugus_tugas.models import User
from gugus_tugas.totp import totp_code_for


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo user (DEBUG only, for trying the demo)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not settings.DEBUG:
            raise CommandError("Hanya untuk mode demo (DEBUG).")
        user = User.objects.filter(email__iexact=email).first()
        if user is None or not user.has_mfa():
            raise CommandError("Pengguna ini belum mengaktifkan TOTP.")
        self.stdout.write(totp_code_for(user))
