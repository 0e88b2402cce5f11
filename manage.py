#!/usr/bin/env python
import sys

if __name__ == "__main__":
    from gugus_tugas.settings import settings_module

    settings_module()  # production unless DJANGO_SETTINGS_MODULE says otherwise
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
