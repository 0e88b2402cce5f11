"""Charts give screen readers their figures, not only their title."""
from reports import charts


def test_a_bar_chart_carries_its_figures_as_a_table_for_screen_readers():
    html = str(charts.hbar({"anak": 3, "dewasa": 12, "lansia": "< 3"}, title="Kelompok umur",
                           labels={"anak": "Anak", "dewasa": "Dewasa", "lansia": "Lansia"}))
    table = html[html.index("<table"):]
    assert 'class="visually-hidden"' in table and "<caption>Kelompok umur</caption>" in table
    for label, value in [("Anak", "3"), ("Dewasa", "12"), ("Lansia", "&lt; 3")]:
        assert f'<th scope="row">{label}</th><td>{value}</td>' in table


def test_a_column_chart_carries_its_figures_and_the_pdf_gets_the_bare_svg():
    html = str(charts.columns({2024: 1500, 2025: 7}, title="Korban per tahun"))
    assert '<th scope="row">2024</th><td>1.500</td>' in html
    bare = str(charts.columns({2024: 1500}, title="Korban per tahun", table=False))
    assert bare.startswith("<svg") and "<table" not in bare
