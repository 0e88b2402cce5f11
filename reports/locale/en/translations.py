TRANSLATIONS = {
    "aturan rapat terpenuhi": "meeting rule met",
    "aturan rapat belum terpenuhi": "meeting rule not met",
    "Rekomendasi selesai / seluruhnya": "Recommendations done / all",
    "%(n)s lewat tenggat": ("%(n)s overdue", "%(n)s overdue"),
 "antre": "queued", "sedang dibuat": "being made", "selesai": "done", "gagal": "failed",
 "internal (angka lengkap)": "internal (exact figures)", "untuk publikasi (sel kecil disamarkan)": "for publication (small cells hidden)",
 "kendala dan rekomendasi": "obstacles and recommendations", "nama pemakai token": "token user", "revisi %(r)s": "revision %(r)s",
 "Laporan dibuat oleh pekerja latar belakang; halaman ini diperbarui sendiri.": "A background worker is making the report; this page updates itself.",
 "Unduh PDF": "Download PDF", "Unduh tabel (.xlsx)": "Download tables (.xlsx)", "Finalkan laporan tahun ini?": "Finalise this year's report?",
 "Finalkan tahun ini": "Finalise this year", "Coba lagi": "Try again", "Token API statistik": "Statistics API tokens",
 "Sistem lain (mis. gugus tugas nasional) dapat menarik angka melalui API dengan token ini. Angka API memakai aturan sel kecil.": "Other systems (e.g. the national task force) can pull figures through the API with these tokens. API figures follow the small-cell rule.",
 "Salin token ini sekarang; token tidak akan ditampilkan lagi:": "Copy this token now; it will not be shown again:",
 "Buat token": "Create token", "Pemakai": "User", "Awalan": "Prefix", "Dibuat": "Created", "Terakhir dipakai": "Last used",
 "dicabut": "revoked", "Cabut": "Revoke", "Dasbor": "Dashboard",
 "Termasuk semua gugus tugas di bawahnya. Hanya kasus terverifikasi dihitung; setiap korban sekali.": "Includes every task force below. Only verified cases count; each victim once.",
 "Hanya kasus terverifikasi dihitung; setiap korban sekali.": "Only verified cases count; each victim once.",
 "Tahun": "Year", "Tampilkan": "Show", "Token API": "API tokens", "Kasus dilaporkan": "Cases reported", "Kasus dilayani": "Cases served",
 "Korban": "Victims", "Anak / dewasa": "Children / adults", "Perempuan / laki-laki": "Female / male",
 "Menunggu verifikasi": "Awaiting verification", "Rapat / wajib": "Meetings / required", "rapat belum dicatat": "meetings not recorded yet",
 "Rekomendasi ditindaklanjuti": "Recommendations followed up", "belum dicatat": "not recorded yet",
 "Capaian RAD / anggaran": "Action plan achievement / budget", "RAD belum dicatat": "action plan not recorded yet",
 "Kewarganegaraan": "Nationality", "Proses hukum": "Legal process", "terbukti bersalah / bebas": "convicted / acquitted",
 "Asal → tujuan": "Origin → destination", "Asal (provinsi)": "Origin (province)", "Tujuan": "Destination", "Kasus": "Cases",
 "Asal": "Origin", "Gugus tugas di bawahnya": "Task forces below",
 "Sel 1–%(km)s korban ditampilkan sebagai “< %(k)s”; total tetap tepat.": "Cells of 1–%(km)s victims are shown as “< %(k)s”; totals stay exact.",
 "Gugus tugas": "Task force", "Anak": "Children", "Perempuan": "Female", "Laporan tahunan": "Annual report",
 "Tahun ini sudah difinalkan pada %(at)s.": "This year was finalised on %(at)s.",
 "Kasus yang berubah sejak difinalkan:": "Cases changed since finalised:", "Buat laporan tahunan (PDF)": "Make the annual report (PDF)",
 "Revisi %(r)s": "Revision %(r)s", "Laporan tahunan %(y)s": "Annual report %(y)s", "Kembali ke dasbor": "Back to the dashboard",
 "Korban per tahun": "Victims per year", "Kelompok umur": "Age groups", "Bentuk eksploitasi": "Forms of exploitation",
 "Layanan diberikan": "Services given", "Permintaan laporan tidak lengkap.": "The report request is incomplete.",
 "Antrean pembuatan laporan sedang tidak tersedia. Bagian lain situs tetap berjalan; coba lagi nanti.": "The report queue is unavailable right now. The rest of the site keeps working; try again later.",
 "Laporan ini sedang dibuat; ini permintaan yang sama.": "This report is already being made; this is the same request.",
 "Antrean pembuatan laporan sedang tidak tersedia.": "The report queue is unavailable right now.",
 "Laporan tahun %(y)s difinalkan.": "The %(y)s report is finalised.", "Token dicabut.": "Token revoked.",
 "Versi": "Variant", "Kendala dan rekomendasi": "Obstacles and recommendations", "Dipakai oleh (sistem/instansi)": "Used by (system/agency)",
}
TRANSLATIONS.update({"Dilayani": "Served", "Dewasa": "Adults", "Laki-laki": "Male"})
# rad/: the RAD card of the dashboard
TRANSLATIONS.update({"tidak ada RAD yang berlaku": "no RAD in force",
                     "%(n)s kegiatan": ("%(n)s activity", "%(n)s activities")})
TRANSLATIONS.update({
    "sistem resmi (angka tepat)": "official system (exact figures)",
    "publikasi (sel kecil disamarkan)": "publication (small cells hidden)",
    "jenis token": "token kind", "Jenis": "Kind",
    "Sistem resmi (mis. SIMFONI PPA) menerima angka tepat; token publikasi menerima angka yang "
    "boleh diumumkan, sel kecil disamarkan.":
        "An official system (e.g. SIMFONI PPA) receives exact figures; a publication token receives "
        "the figures that may be published, small cells hidden.",
    "Sistem lain dapat menarik angka melalui API dengan token ini. Token sistem resmi (mis. "
    "SIMFONI PPA, gugus tugas nasional) menerima angka tepat; token publikasi menerima angka yang "
    "boleh diumumkan, dengan sel kecil disamarkan.":
        "Other systems can pull figures through the API with these tokens. An official system's "
        "token (e.g. SIMFONI PPA, the national task force) receives exact figures; a publication "
        "token receives the figures that may be published, with small cells hidden.",
})
