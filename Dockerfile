# Production image: gunicorn + whitenoise; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=gugus_tugas.settings.production

# WeasyPrint needs Pango; DejaVu fonts for the PDF reports; gettext for compiled messages;
# pg_dump/pg_restore of the server's major version (16, from PostgreSQL's own apt repository:
# Debian 12 ships 15, which refuses to dump a newer server) for `manage.py backup` / `restore`.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
      libharfbuzz0b libffi8 fonts-dejavu-core gettext ca-certificates curl \
 && install -d /usr/share/postgresql-common/pgdg \
 && curl -fsSo /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc \
      https://www.postgresql.org/media/keys/ACCC4CF8.asc \
 && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" \
      > /etc/apt/sources.list.d/pgdg.list \
 && apt-get update && apt-get install -y --no-install-recommends postgresql-client-16 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir --require-hashes -r requirements.lock

COPY . .
# collectstatic needs production settings to start: throwaway values, never used at run time.
RUN DJANGO_SECRET_KEY=build-only NIK_HASH_KEY=build-only EMAIL_URL=smtp://build.invalid:25 \
    FIELD_ENCRYPTION_KEYS=$(python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())") \
    python manage.py collectstatic --noinput -v0 \
 && useradd --create-home --uid 1000 app && mkdir -p /app/var/private /app/var/backups \
 && chown -R app /app/var
USER app

EXPOSE 8000
# No gunicorn access log: it would print query strings (a search for a name); the site writes
# one JSON line per request itself (gugus_tugas.logs.RequestLogMiddleware).
# 3 processes of 4 threads (gthread): a page waiting on PostgreSQL does not hold a whole process,
# so a slow page no longer queues the fast ones behind it (bench/results/load.md: p95 3.5 s with 3
# sync workers, 0.6 s with these, same data and mix). Idle connections are kept 75 s, longer than a
# load balancer's (60 s): none reuses a connection gunicorn has just closed (connection resets).
CMD ["gunicorn", "gugus_tugas.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--threads", "4", "--keep-alive", "75", "--timeout", "60"]
