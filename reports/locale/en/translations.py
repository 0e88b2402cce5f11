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

# Pemantauan: the monitoring page of the task forces below (reports/monitoring*.py, tilemap.py)
TRANSLATIONS.update({
    "Pemantauan": "Monitoring",
    "Pemantauan gugus tugas": "Monitoring of task forces",
    "berlaku": "in force",
    "berakhir ≤ 90 hari": "ends within 90 days",
    "tidak ada SK": "no SK",
    "tanpa SK berlaku": "no SK in force",
    "SK berakhir ≤ 90 hari": "SK ends within 90 days",
    "tanpa RAD berlaku": "no RAD in force",
    "rapat belum memenuhi aturan": "meeting rule not met",
    "ada rekomendasi terlambat": "overdue recommendations",
    "ada kasus menunggu verifikasi": "cases awaiting verification",
    "tidak ada yang masuk 90 hari terakhir": "nobody signed in for 90 days",
    "Kode": "Code",
    "Gugus tugas": "Task force",
    "RAD": "RAD",
    "Capaian": "Achievement",
    "Serapan": "Absorption",
    "Rekomendasi terlambat": "Overdue recommendations",
    "Kasus": "Cases",
    "Menunggu verifikasi": "Awaiting verification",
    "Terakhir masuk": "Last sign-in",
    "tidak ada": "none",
    "≥ 80 %": "≥ 80 %",
    "50–79 %": "50–79 %",
    "< 50 %": "< 50 %",
    "SK berlaku": "SK in force",
    "RAD berlaku": "RAD in force",
    "tidak ada RAD": "no RAD",
    "aturan rapat terpenuhi": "meeting rule met",
    "rapat kurang": "too few meetings",
    "Capaian RAD": "RAD achievement",
    "Serapan anggaran": "Budget absorption",
    "1–2": "1–2",
    "3 atau lebih": "3 or more",
    "0": "0",
    "1–9": "1–9",
    "10–49": "10–49",
    "50 atau lebih": "50 or more",
    "ya": "yes",
    "tidak": "no",
    "Kabupaten/kota di %(name)s": "Districts and cities of %(name)s",
    "Semua kabupaten/kota": "All districts and cities",
    "Semua provinsi": "All provinces",
    "Kabupaten/kota di wilayah ini": "Districts and cities of this province",
    "%(n)s dari %(total)s gugus tugas ditampilkan.": "%(n)s of %(total)s task forces shown.",
    "Angka saja, tanpa identitas.": "Counts only, no identities.",
    "Angka nasional": "National figures",
    "Jumlah": "Total",
    "Aturan rapat terpenuhi": "Meeting rule met",
    "Provinsi": "Provinces",
    "Kabupaten/kota": "Districts/cities",
    "Tahun": "Year",
    "Tampilkan": "Show",
    "semua kabupaten/kota": "every district and city",
    "Status": "Status",
    "semua": "all",
    "Warna peta": "Map colour",
    "Terapkan": "Apply",
    "Unduh .xlsx": "Download .xlsx",
    "Kembali ke semua provinsi": "Back to all provinces",
    "Peta provinsi": "Map of the provinces",
    "Kabupaten/kota (urut kode)": "Districts and cities (by code)",
    "belum pernah": "never",
    "Tidak ada gugus tugas yang sesuai dengan saringan ini.":
        "No task force matches this filter.",
    "Rapat: terlaksana / wajib menurut aturan rapat tahun ini. Kasus: kasus terverifikasi yang "
    "dilaporkan tahun ini dan kasus yang menunggu verifikasi, yang dipegang gugus tugas itu "
    "sendiri. Terakhir masuk: kapan seseorang dari gugus tugas itu terakhir masuk ke aplikasi.":
        "Meetings: held / required by this year's meeting rule. Cases: verified cases reported "
        "this year and cases awaiting verification, held by the task force itself. Last sign-in: "
        "when anyone of that task force last signed in.",
})
# i15: the report as a signed document, its settings and the national legal basis
TRANSLATIONS.update({
    "nomor dokumen": "document number", "kata pengantar": "foreword", "kendala": "obstacles",
    "rekomendasi": "recommendations", "penutup": "closing", "tembusan": "copies to",
    "Satu butir per baris; nomor di awal baris boleh.":
        "One item per line; a number at the start of a line is fine.",
    "Satu penerima per baris.": "One recipient per line.",
    "tempat penandatanganan": "place of signing", "jabatan penanda tangan": "signer's position",
    "Kosong: Ketua Harian (atau Ketua) menurut SK.":
        "Empty: the Ketua Harian (or the Ketua) named in the SK.",
    "nama penanda tangan": "signer's name", "NIP penanda tangan": "signer's NIP",
    "peraturan": "regulation", "berlaku sejak tahun": "in force from (year)",
    "berlaku sampai tahun": "in force until (year)", "Kosong: masih berlaku.": "Empty: still in force.",
    "urutan": "order",
    "Tahun akhir tidak boleh sebelum tahun mulai berlaku.":
        "The last year cannot be before the first year in force.",
    "Laporan tahun %(y)s difinalkan: edisi %(e)s, nomor %(n)s.":
        "The %(y)s report is finalised: edition %(e)s, number %(n)s.",
    "Pengaturan laporan tahun %(y)s disimpan.": "The %(y)s report settings are saved.",
    "Peraturan dihapus dari daftar.": "Regulation removed from the list.",
    "Peraturan ditambahkan.": "Regulation added.",
    "Pengaturan laporan tahunan": "Annual report settings",
    "Teks laporan yang tidak berasal dari data: nomor dokumen, kata pengantar, kendala, "
    "rekomendasi, penutup, penanda tangan, dan tembusan. Penanda tangan yang dikosongkan diambil "
    "dari SK yang berlaku (Ketua Harian, atau Ketua).":
        "The report's texts that do not come from the data: document number, foreword, "
        "obstacles, recommendations, closing, signer and copies. An empty signer is taken from "
        "the SK in force (the Ketua Harian, or the Ketua).",
    "Simpan": "Save", "Kembali ke laporan": "Back to the report",
    "Dasar hukum laporan tahunan": "Legal basis of the annual reports",
    "Peraturan nasional yang dicantumkan di bagian Dasar Hukum laporan tahunan setiap gugus "
    "tugas, pada tahun-tahun peraturan itu berlaku. SK gugus tugas dan peraturan RAD daerah "
    "diambil dari data masing-masing gugus tugas.":
        "The national regulations listed under Legal Basis in every task force's annual report, "
        "in the years they were in force. A task force's SK and regional action plan regulation "
        "come from its own data.",
    "Peraturan": "Regulation", "Berlaku": "In force", "Urutan": "Order", "Hapus": "Delete",
    "Daftar belum disimpan; laporan memakai daftar bawaan berikut.":
        "No list saved yet; the reports use the built-in list below.",
    "Simpan daftar bawaan untuk diubah": "Save the built-in list to edit it",
    "Tambah peraturan": "Add a regulation", "Tambah": "Add",
    "Tahun ini sudah difinalkan pada %(at)s: edisi %(e)s, nomor %(n)s.":
        "This year was finalised on %(at)s: edition %(e)s, number %(n)s.",
    "Edisi ini menggantikan nomor %(n)s.": "This edition replaces number %(n)s.",
    "Unduh PDF yang diterbitkan": "Download the issued PDF", "berkas PDF": "PDF file",
    "SHA-256 data JSON (tercetak di halaman terakhir PDF):":
        "SHA-256 of the JSON data (printed on the PDF's last page):",
    "Edisi %(e)s · nomor %(n)s · %(at)s": "Edition %(e)s · number %(n)s · %(at)s",
    "menggantikan %(n)s": "replaces %(n)s",
    "Tahun ini belum difinalkan: setiap halaman PDF bertanda DRAF.":
        "This year is not finalised: every page of the PDF is marked DRAFT (DRAF).",
    "Dasar hukum laporan (daftar nasional)": "Legal basis of the reports (national list)",
    "Pengaturan laporan (nomor, kata pengantar, kendala, rekomendasi, penanda tangan, tembusan)":
        "Report settings (number, foreword, obstacles, recommendations, signer, copies)",
    "Transit": "Transit", "Pelaku, restitusi, rujukan": "Perpetrators, restitution, referrals",
    "Pelaku perseorangan / korporasi": "Perpetrators: individuals / corporations",
    "Restitusi dikabulkan / dibayar (kasus)": "Restitution granted / paid (cases)",
    "Rujukan dikirim / diterima / disetujui": "Referrals sent / received / accepted",
    "Daftar ini dikelola sekretariat gugus tugas nasional.":
        "The national task force's secretariat keeps this list.",
})
TRANSLATIONS.update({"SK": "Decree", "Rapat": "Meetings"})
TRANSLATIONS.update({
    "Angka per %(at)s; perubahan terbaru sedang dihitung dan tampil dalam ±%(n)s menit.":
        "Figures as of %(at)s; the latest changes are being counted and show within about "
        "%(n)s min.",
    "Angka per %(at)s.": "Figures as of %(at)s.",
    "Angka tahun ini sedang dihitung dan tampil dalam ±%(n)s menit.": (
        "This year's figures are being counted and show within about %(n)s min.",
        "This year's figures are being counted and show within about %(n)s min."),
    "Muat ulang": "Reload",
    "provinsi": "provinces",  # the Pemantauan page's "Tampilkan" choice
})
TRANSLATIONS.update({
    "Restitusi dimohonkan / dikabulkan / dibayar (kasus)":
        "Restitution requested / granted / paid (cases)",
    "Restitusi dimohonkan / dikabulkan / dibayar (Rp)":
        "Restitution requested / granted / paid (Rp)",
    "kasus dicatat": "case recorded", "data kasus diubah": "case data changed",
    "data korban diubah": "victim data changed", "dikirim untuk verifikasi": "sent for verification",
    "diverifikasi": "verified", "dikembalikan untuk diperbaiki": "returned for correction",
    "ditutup": "closed", "dihapus": "deleted", "layanan dicatat": "service recorded",
    "layanan diperbaiki": "service corrected", "layanan dihapus": "service removed",
    "pelaku dicatat": "perpetrator recorded", "rujukan diterima": "referral accepted",
    "Perubahan data tahun ini sesudah edisi diterbitkan":
        "Changes to this year's data after the edition was issued",
    "Termasuk kasus yang ditangani gugus tugas di bawahnya; tanpa identitas korban. Angka edisi "
    "yang diterbitkan tidak berubah; terbitkan edisi perbaikan bila perlu.":
        "Includes the cases handled by the task forces below; no victim identities. The figures "
        "of the issued edition do not change; issue a corrected edition if needed.",
    "Angka edisi yang diterbitkan tidak berubah; terbitkan edisi perbaikan bila perlu.":
        "The figures of the issued edition do not change; issue a corrected edition if needed.",
    "Nomor register": "Register number", "Gugus tugas": "Task force", "Perubahan": "Change",
    "Waktu": "Time",
    "dan %(n)s perubahan lainnya": ("and %(n)s other change", "and %(n)s other changes"),
    "Finalisasi tahun ini sedang berjalan: lihat kemajuannya.":
        "This year's finalisation is under way: see its progress.",
    "Finalisasi laporan tahunan %(y)s": "Finalising the annual report %(y)s",
    "Dari laporan revisi %(r)s": "From report revision %(r)s",
    "Edisi yang diterbitkan dibuat oleh pekerja latar belakang; halaman ini diperbarui sendiri.":
        "A background worker is making the issued edition; this page updates itself.",
    "Kembali ke laporan untuk mencoba lagi": "Back to the report to try again",
    "Antrean pekerja sedang tidak tersedia; tahun ini belum difinalkan. Coba lagi nanti.":
        "The worker queue is unavailable; this year is not finalised. Try again later.",
})
