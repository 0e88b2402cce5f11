"""Dashboards and annual reports at scale (PostgreSQL, the 500k-case data of generate_scale_data).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench .venv/bin/python -m bench.reports_perf 10

- dashboard p50/p95 (warm, Django test client, coordinator) for the nation and a province;
- annual report time for the nation (38 provinces in the annex) and a province, split into
  figures + HTML and WeasyPrint, with WeasyPrint on the same finished HTML alone side by side:
  ratio = whole report / WeasyPrint alone;
- peak memory (max RSS) of a fresh process rendering the national PDF.
"""

import json
import resource
import subprocess
import sys
import time

from bench._setup import django_on_postgres, summary, timed

django_on_postgres("gt_bench")

from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from gugus_tugas.models import Membership, TaskForce, User  # noqa: E402
from gugus_tugas.scoping import rls_bypass, task_force_scope  # noqa: E402
from gugus_tugas.totp import force_login_after_totp  # noqa: E402
from reports.rendering import html_to_pdf, render_report  # noqa: E402

YEAR = timezone.localdate().year - 1
PROVINCE = "35"  # Jawa Timur: many districts and cases


def dashboards(rounds):
    client = Client()
    with rls_bypass(reason="benchmark data across task forces"):
        user, _ = User.objects.get_or_create(email="bench.coordinator@contoh.id")
        for code in ("nasional", PROVINCE):
            Membership.objects.get_or_create(user=user, task_force=TaskForce.objects.get(code=code),
                                             is_active=True, defaults={"role": "coordinator"})
    force_login_after_totp(client, user)
    out = {}
    for code in ("nasional", PROVINCE):
        url = f"/gt/{code}/laporan/?tahun={YEAR}"
        for _ in range(2):
            assert client.get(url).status_code == 200
        out[f"dashboard_{code}"] = summary([timed(lambda u=url: client.get(u)) for _ in range(rounds)])
    return out


def report(code, runs=3):
    """Median of `runs`, the whole report and WeasyPrint alone on its finished HTML alternating."""
    import statistics

    tf = TaskForce.objects.select_related("region").get(code=code)
    wholes, weasys = [], []
    for _ in range(runs):
        with task_force_scope(tf):
            t0 = time.perf_counter()
            out = render_report(tf, YEAR)
            wholes.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        html_to_pdf(out.html, attachments=[("a.xlsx", out.xlsx, ""), ("a.json", out.json, "")])
        weasys.append(time.perf_counter() - t0)
    whole, weasy = statistics.median(wholes), statistics.median(weasys)
    return {"pdf_bytes": len(out.pdf), "report_s": round(whole, 2),
            "weasyprint_alone_s": round(weasy, 2), "ratio": round(whole / weasy, 2)}


def cold_figures(code, runs=3, *, annexes=True):
    """The figures computed without the cache (what the first visitor after a change waits):
    with the annexes' breakdowns (the report) or without (the dashboard)."""
    from django.conf import settings

    from reports.selectors import annual_figures

    tf = TaskForce.objects.get(code=code)
    old, settings.FIGURES_CACHE_SECONDS = settings.FIGURES_CACHE_SECONDS, 0
    try:
        return summary([timed(lambda: annual_figures(tf, YEAR, annexes=annexes))
                        for _ in range(runs)])
    finally:
        settings.FIGURES_CACHE_SECONDS = old


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--memory":
        tf = TaskForce.objects.get(code="nasional")
        from django.conf import settings

        settings.FIGURES_CACHE_SECONDS = 0  # the worst case: figures computed in the worker
        with task_force_scope(tf):
            render_report(tf, YEAR)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
        return
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    results = {"year": YEAR, **dashboards(rounds)}
    results["figures_cold_nasional"] = cold_figures("nasional")
    results[f"figures_cold_{PROVINCE}"] = cold_figures(PROVINCE)
    results["dashboard_figures_cold_nasional"] = cold_figures("nasional", annexes=False)
    results[f"dashboard_figures_cold_{PROVINCE}"] = cold_figures(PROVINCE, annexes=False)
    warm = TaskForce.objects.get(code=PROVINCE)
    with task_force_scope(warm):
        render_report(warm, YEAR)  # warm WeasyPrint's fonts
    results["report_nasional"] = report("nasional")
    results[f"report_{PROVINCE}"] = report(PROVINCE)
    mem = subprocess.run([sys.executable, "-m", "bench.reports_perf", "--memory"],
                         capture_output=True, text=True, check=True)
    results["report_nasional_max_rss_mb"] = int(mem.stdout.strip().splitlines()[-1])
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
