"""The pasted-list splitter: seeds' lists come out whole; anything unclear is refused with the
line to correct, never half-split."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetings.splitting import ListSplitError, numbered, split_recommendations

# shared/ lies beside the repository (the developers' and CI's checkouts alike)
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
RAKORNAS = """  1. Diseminasi panduan Pembentukan dan Penguatan Kapasitas Gugus Tugas melalui Surat Keputusan (SK), Sub. Gugus Tugas, dan Rancangan Anggaran Daerah (RAD).
  2. Manajemen data yang terintegrasi; soft hard and infrastructures, termasuk PIC data dengan peran verifikasi dan clearing data dan layanan berbasis aplikasi.
  3. Penanganan yang melibatkan para pihak yakni, 5K (kampung, kampus, komunitas, korporasi, dan kota).
"""


def test_a_numbered_list_becomes_one_item_per_number():
    items = split_recommendations(RAKORNAS)
    assert len(items) == 3
    assert items[2].startswith("Penanganan yang melibatkan para pihak")


@pytest.mark.skipif(not SEEDS.exists(), reason="seed documents not on this machine")
def test_the_rakornas_seed_gives_its_fourteen_recommendations():
    text = next(SEEDS.glob("001_*.txt")).read_text()
    block = text[text.index("  1. Diseminasi"):text.index("BERITA\n\nKepala")]
    items = split_recommendations(block)
    assert len(items) == 14
    assert items[13] == "Kajian pemetaan kerentanan TPPO di daerah asal, transit, dan tujuan."


def test_a_dash_alone_on_its_line_takes_the_next_line_as_its_text():
    items = split_recommendations("-\nMenyusun RAD 2020-2024;\n-\nMelakukan Revisi Keputusan "
                                  "Gubernur No. Kpts.712/VIII/2017;\n")
    assert items == ["Menyusun RAD 2020-2024;",
                     "Melakukan Revisi Keputusan Gubernur No. Kpts.712/VIII/2017;"]


@pytest.mark.parametrize("text", [
    "1) Pertemuan berkala\n2) Alokasi anggaran",
    "a. Pertemuan berkala\nb. Alokasi anggaran",
    "~ Pertemuan berkala\n~ Alokasi anggaran",
    "1. Pertemuan\n   berkala\n\n2. Alokasi anggaran",
])
def test_other_marker_styles_and_wrapped_lines(text):
    items = split_recommendations(text)
    assert [i.replace("Pertemuan berkala", "P") for i in items] == ["P", "Alokasi anggaran"]


def test_sub_points_stay_inside_their_item():
    items = split_recommendations("1. Penguatan kelembagaan:\n   a. struktur\n   b. anggaran\n"
                                  "2. Data terpadu")
    assert items == ["Penguatan kelembagaan:\na. struktur\nb. anggaran", "Data terpadu"]


def test_an_inline_list_is_split_when_its_numbers_run_in_order():
    items = split_recommendations("1) Meningkatkan pemahaman; 2)Memfasilitasi RAD; "
                                  "3) Meningkatkan kapasitas;dan 4) Memperkuat koordinasi.")
    assert items == ["Meningkatkan pemahaman", "Memfasilitasi RAD", "Meningkatkan kapasitas",
                     "Memperkuat koordinasi."]


@pytest.mark.parametrize(("text", "line"), [
    ("1. Satu\n3. Tiga", 2),
    ("1. Satu\n1. Satu lagi", 2),
    ("Hasil rapat:\n1. Satu\n2. Dua", 1),
    ("1. Satu\n2.\n3. Tiga", 2),
    ("2. Dua\n3. Tiga", 1),
    ("Satu\nDua", 1),
])
def test_unclear_lists_are_refused_with_the_line_to_correct(text, line):
    with pytest.raises(ListSplitError) as err:
        split_recommendations(text)
    assert err.value.line == line
    assert err.value.message


def test_an_empty_list_is_refused():
    with pytest.raises(ListSplitError):
        split_recommendations("  \n \n")


item_text = st.text(alphabet=st.characters(whitelist_categories=("L", "N"), max_codepoint=0x24F)
                    | st.sampled_from(" ,;:()/-"), min_size=1, max_size=60).map(str.strip).filter(
    lambda t: t and not t[0].isdigit() and not (len(t) > 1 and t[1] in ".)")
    and t[0] not in "-~*(")


@given(st.lists(item_text, min_size=1, max_size=20), st.sampled_from(["{n}. ", "{n}) ", "({n}) "]))
def test_any_numbered_list_comes_back_item_for_item(items, style):
    text = "\n".join(style.format(n=i) + item for i, item in enumerate(items, start=1))
    assert split_recommendations(text) == [" ".join(i.split()) for i in items]


@given(st.lists(item_text, min_size=2, max_size=12), st.data())
def test_a_skipped_number_is_always_refused(items, data):
    skip = data.draw(st.integers(min_value=2, max_value=len(items)))
    numbers = [n if n < skip else n + 1 for n in range(1, len(items) + 1)]
    text = "\n".join(f"{n}. {item}" for n, item in zip(numbers, items, strict=True))
    with pytest.raises(ListSplitError) as err:
        split_recommendations(text)
    assert err.value.line == skip


@given(st.lists(item_text, min_size=1, max_size=10))
def test_the_correction_box_text_splits_back_to_the_same_items(items):
    items = [" ".join(i.split()) for i in items]
    assert split_recommendations(numbered(items)) == items
