# English for the cases app (msgids are Indonesian). Fill with:
#   python scripts/fill_po.py cases/locale/en/LC_MESSAGES/django.po cases/locale/en/translations.py
T = {
 "Pilih wilayah di Indonesia atau negara lain, bukan keduanya.": "Choose a region of Indonesia or another country, not both.",
 "Isi tanggal lahir atau usia korban.": "Give the victim's date of birth or age.",
 "Catat sedikitnya satu korban.": "Record at least one victim.",
 "Berkas terlalu besar (batas 10 MB).": "The file is too large (limit 10 MB).",
 "Jenis berkas tidak didukung. Unggah .xlsx atau .csv.": "File type not supported. Upload .xlsx or .csv.",
 "Berkas .xlsx rusak atau bukan berkas Excel.": "The .xlsx file is damaged or not an Excel file.",
 "Berkas kosong.": "The file is empty.", "Berkas berisi lebih dari %(n)s baris.": "The file has more than %(n)s rows.",
 "Berkas .csv tidak dapat dibaca (gunakan UTF-8).": "The .csv file cannot be read (use UTF-8).",
 "Kolom wajib tidak ada di baris judul.": "A required column is missing from the header row.",
 "Rumus atau nilai berawalan =, +, -, @ tidak diperbolehkan.": "Formulas or values starting with =, +, -, @ are not allowed.",
 "Nomor kasus wajib diisi.": "The case number is required.", "Nomor kasus paling panjang 32 karakter.": "The case number is at most 32 characters.",
 "Tanggal tidak dikenali. Gunakan 2023-05-17 atau 17/05/2023.": "Date not recognised. Use 2023-05-17 or 17/05/2023.",
 "Tanggal lapor wajib diisi.": "The report date is required.", "Tanggal lapor tidak boleh di masa depan.": "The report date cannot be in the future.",
 "Tanggal kejadian sesudah tanggal lapor.": "The incident date is after the report date.",
 "Kode wilayah %(code)s tidak dikenal.": "Unknown region code %(code)s.", "Negara %(name)s tidak dikenal.": "Unknown country %(name)s.",
 "Nama korban wajib diisi.": "The victim's name is required.", "Jenis kelamin harus L atau P.": "Sex must be L or P.",
 "Usia harus berupa angka.": "Age must be a number.", "Kode eksploitasi tidak dikenal: %(code)s": "Unknown exploitation code: %(code)s",
 "Kode layanan tidak dikenal: %(code)s": "Unknown service code: %(code)s",
 "Berbeda dari baris %(row)s untuk nomor kasus yang sama.": "Differs from row %(row)s for the same case number.",
 "Nomor kasus %(n)s sudah tercatat.": "Case number %(n)s is already recorded.", "Tidak ada baris data.": "No data rows.",
 "draf": "draft", "menunggu verifikasi": "awaiting verification", "dikembalikan": "returned", "terverifikasi": "verified",
 "ditutup": "closed", "pengaduan langsung": "direct complaint", "rujukan": "referral", "hotline / SAPA 129": "hotline / SAPA 129",
 "kepolisian": "police", "BP2MI / BP3MI": "migrant-worker agency (BP2MI / BP3MI)", "lainnya": "other", "—": "—",
 "anak buah kapal perikanan": "fishing crew", "pekerja rumah tangga": "domestic work", "perkebunan": "plantation",
 "hiburan": "entertainment", "penipuan daring (scam)": "online scam compound", "penipuan / tipu daya": "deception",
 "jeratan utang": "debt bondage", "ancaman / kekerasan": "threat / violence", "dokumen ditahan": "confiscated documents",
 "belum ada proses hukum": "no legal process yet", "penyidikan": "investigation", "penuntutan": "prosecution",
 "putusan": "verdict", "terbukti bersalah": "convicted", "bebas": "acquitted", "nomor register": "register number",
 "tanggal lapor": "report date", "tanggal kejadian": "incident date", "jalur pengaduan": "intake channel",
 "wilayah kejadian": "incident region", "negara kejadian": "incident country", "alasan": "reason", "sektor": "sector",
 "cara": "means", "tahap proses hukum": "legal stage", "nomor laporan polisi": "police report number",
 "hukuman (bulan)": "sentence (months)", "restitusi diputus (Rp)": "restitution ordered (Rp)",
 "restitusi dibayar (Rp)": "restitution paid (Rp)", "kronologi": "chronology", "catatan": "notes", "kasus": "case",
 "pemilik": "owner", "penerima rujukan": "referral receiver", "eksploitasi seksual": "sexual exploitation",
 "kerja paksa": "forced labour", "perbudakan rumah tangga": "domestic servitude", "kawin paksa": "forced marriage",
 "pengambilan organ": "organ removal", "dipaksa bekerja di penipuan daring": "forced online scam work",
 "dipaksa mengemis": "forced begging", "laki-laki": "male", "perempuan": "female", "tidak sekolah": "no schooling",
 "SD": "primary", "SMP": "junior secondary", "SMA/SMK": "senior secondary", "perguruan tinggi": "higher education",
 "belum kawin": "single", "kawin": "married", "cerai": "divorced", "nama korban": "victim's name", "NIK": "NIK",
 "kontak (telepon/alamat)": "contact (phone/address)", "jenis kelamin": "sex", "tanggal lahir": "date of birth",
 "usia saat kejadian": "age at the incident", "kewarganegaraan": "nationality", "pendidikan": "education",
 "pekerjaan": "occupation", "status perkawinan": "marital status", "penyandang disabilitas": "person with a disability",
 "daerah asal": "home region", "korban": "victim", "asal": "origin", "transit": "transit", "tujuan": "destination",
 "perekrut": "recruiter", "pengangkut": "transporter", "pemberi kerja": "employer", "korporasi": "corporation",
 "hubungan dengan korban": "relation to the victim", "peran": "role", "layanan pengaduan": "complaint intake",
 "rehabilitasi kesehatan": "health rehabilitation", "rehabilitasi sosial": "social rehabilitation",
 "bantuan hukum": "legal aid", "penegakan hukum": "law enforcement", "pemulangan": "repatriation",
 "reintegrasi sosial": "social reintegration", "pendampingan rohani": "religious counselling", "rumah aman": "safe house",
 "direncanakan": "planned", "diberikan": "given", "ditolak korban": "refused by the victim", "layanan": "service",
 "instansi pemberi layanan": "provider agency", "tanggal": "date", "menunggu jawaban": "awaiting an answer",
 "diterima": "accepted", "ditolak": "declined", "dirujuk ke": "referred to", "alasan rujukan": "reason for referral",
 "antre": "queued", "berjalan": "running", "selesai": "done", "gagal": "failed",
 "Sebuah kasus harus mempunyai sedikitnya satu korban.": "A case must have at least one victim.",
 "Bentuk eksploitasi tidak dikenal: %(code)s": "Unknown form of exploitation: %(code)s",
 "Jenis layanan tidak dikenal: %(code)s": "Unknown service type: %(code)s",
 "Tanggal layanan tidak boleh di masa depan.": "The service date cannot be in the future.",
 "Hanya gugus tugas pemilik kasus yang dapat mengubahnya.": "Only the task force that owns the case can change it.",
 "Kasus yang ditutup atau dihapus tidak dapat diubah.": "A closed or deleted case cannot be changed.",
 "Kasus berstatus %(status)s tidak dapat di-%(action)s.": "A case that is %(status)s cannot be %(action)s.",
 "Tuliskan alasan pengembalian agar petugas dapat memperbaikinya.": "Write why it is returned so the officer can fix it.",
 "Tuliskan alasan penutupan kasus.": "Write why the case is closed.", "Tuliskan alasan penghapusan.": "Write why it is deleted.",
 "Kasus tidak dapat dirujuk ke gugus tugas sendiri.": "A case cannot be referred to its own task force.",
 "Tuliskan alasan rujukan.": "Write the reason for the referral.",
 "Gugus tugas itu sudah menangani kasus ini.": "That task force already handles this case.",
 "Rujukan ke gugus tugas itu masih menunggu jawaban.": "A referral to that task force is still awaiting an answer.",
 "Rujukan ini sudah dijawab.": "This referral was already answered.", "Tuliskan alasan penolakan.": "Write why it is declined.",
 "%(n)s kasus": ("%(n)s case", "%(n)s cases"), "Nomor register": "Register number", "Tanggal lapor": "Report date",
 "Korban": "Victims", "Eksploitasi": "Exploitation", "Tempat kejadian": "Place of incident", "Status": "Status",
 "Layanan": "Services", "rujukan dari %(tf)s": "referred by %(tf)s", "Tidak ada kasus yang cocok.": "No matching cases.",
 "Sebelumnya": "Previous", "Halaman %(n)s dari %(total)s": "Page %(n)s of %(total)s", "Halaman %(n)s dari %(total)s+": "Page %(n)s of %(total)s+",
 "Lebih dari %(n)s kasus; saring menurut tahun, status atau wilayah untuk mempersempit.": "More than %(n)s cases; filter by year, status or region to narrow the list.", "Berikutnya": "Next",
 "%(n)s kasus diimpor.": "%(n)s cases imported.", "Lihat daftar kasus": "See the case list",
 "Impor gagal; tidak ada data yang diimpor.": "The import failed; nothing was imported.", "Baris": "Row", "Kasus": "Cases",
 "Ubah": "Edit", "Riwayat": "History", "Kirim untuk verifikasi": "Send for verification", "Verifikasi": "Verify",
 "Tampilan tanpa identitas: nama, NIK dan kontak korban hanya untuk petugas data dan verifikator.": "De-identified view: victims' names, NIK and contacts are for data officers and verifiers only.",
 "Tanggal kejadian": "Incident date", "Jalur pengaduan": "Intake channel", "Rute": "Route", "Proses hukum": "Legal process",
 "bulan": "months", "Kronologi": "Chronology", "Korban dan layanan": "Victims and services",
 "%(age)s tahun saat kejadian": "%(age)s years old at the incident", "Kontak": "Contact", "Tanggal lahir": "Date of birth",
 "Kewarganegaraan": "Nationality", "Daerah asal": "Home region", "Tanggal": "Date", "Instansi": "Agency",
 "Belum ada layanan.": "No services yet.", "Catat layanan": "Record a service", "Simpan layanan": "Save service",
 "Lampiran": "Attachments", "Belum ada lampiran.": "No attachments yet.", "Unggah": "Upload", "Rujukan": "Referrals",
 "Belum pernah dirujuk.": "Never referred.", "Rujuk ke gugus tugas lain": "Refer to another task force", "Rujuk": "Refer",
 "Tindakan verifikator": "Verifier actions", "Alasan pengembalian": "Reason for returning",
 "Kembalikan ke petugas": "Return to the officer", "Alasan penutupan": "Reason for closing", "Tutup kasus": "Close the case",
 "Hapus kasus ini? Data tetap tersimpan di riwayat.": "Delete this case? The data stays in its history.",
 "Alasan penghapusan": "Reason for deleting", "Hapus kasus": "Delete the case", "Ubah kasus %(n)s": "Edit case %(n)s",
 "Kasus ini sudah terverifikasi. Jika diubah, kasus kembali menunggu verifikasi dan versi lamanya tersimpan di riwayat.": "This case is verified. If you change it, it goes back to verification and the old version stays in its history.",
 "Simpan": "Save", "Batal": "Cancel", "Catat kasus": "Record a case",
 "Isi per bagian. Identitas korban disimpan terenkripsi dan hanya terlihat oleh petugas data dan verifikator gugus tugas ini.": "Fill in section by section. Victims' identities are stored encrypted and seen only by this task force's data officers and verifiers.",
 "Laporan": "Report", "Korban tambahan": "Another victim", "Tambah korban": "Add a victim",
 "Eksploitasi dan rute": "Exploitation and route", "Simpan dan kirim untuk verifikasi": "Save and send for verification",
 "Simpan sebagai draf": "Save as draft", "Riwayat kasus %(n)s": "History of case %(n)s", "Waktu": "Time", "Oleh": "By",
 "Perubahan": "Changes", "dibuat": "created", "Akses ke identitas korban": "Access to the victims' identity",
 "Belum ada.": "None yet.", "Impor kasus": "Import cases",
 "Satu baris per korban; baris dengan no_kasus yang sama menjadi satu kasus. Semua baris diperiksa dulu: bila ada satu kesalahan, tidak ada yang diimpor.": "One row per victim; rows with the same no_kasus form one case. Every row is checked first: with a single error, nothing is imported.",
 "Unduh templat .xlsx": "Download the .xlsx template", "Kolom": "Columns", "Periksa berkas": "Check the file",
 "%(n)s masalah ditemukan; tidak ada data yang diimpor.": ("%(n)s problem found; nothing was imported.", "%(n)s problems found; nothing was imported."),
 "Masalah": "Problem", "Berkas valid: %(rows)s baris, %(cases)s kasus, %(victims)s korban.": "Valid file: %(rows)s rows, %(cases)s cases, %(victims)s victims.",
 "Sebagian korban sudah tercatat di %(tfs)s. Pertimbangkan rujukan setelah impor.": "Some victims are already recorded in %(tfs)s. Consider a referral after the import.",
 "Impor sekarang": "Import now", "Antrean verifikasi": "Verification queue", "Impor": "Import", "Saring": "Filter",
 "Hapus saringan": "Clear filters", "Unduh %(fmt)s": "Download %(fmt)s", "Rujukan masuk": "Incoming referrals", "Dari": "From",
 "Alasan": "Reason", "Terima": "Accept", "Alasan menolak": "Reason for declining", "Tolak": "Decline",
 "Tidak ada rujukan masuk.": "No incoming referrals.", "Rujukan keluar": "Outgoing referrals", "Ke": "To", "Catatan": "Note",
 "Tidak ada rujukan keluar.": "No outgoing referrals.", "NIK harus 16 digit angka.": "The NIK must be 16 digits.",
 "NIK tidak valid: bagian tanggal lahir atau kode wilayahnya salah.": "Invalid NIK: its birth-date or region part is wrong.",
 "Tanggal lahir tidak boleh di masa depan.": "The date of birth cannot be in the future.",
 "Tanggal lahir sesudah tanggal kejadian.": "The date of birth is after the incident date.",
 "Usia harus antara 0 dan 120 tahun.": "Age must be between 0 and 120 years.",
 "Korban dengan NIK atau nama dan tanggal lahir yang sama sudah tercatat di %(tfs)s. Pertimbangkan merujuk kasus ini ke sana.": "A victim with the same NIK, or the same name and date of birth, is already recorded in %(tfs)s. Consider referring this case there.",
 "Kasus %(n)s tersimpan.": "Case %(n)s saved.", "Kasus %(n)s diperbarui.": "Case %(n)s updated.",
 "Kasus terverifikasi yang diubah kembali menunggu verifikasi; versi lamanya tersimpan di riwayat.": "A verified case that was changed awaits verification again; its old version stays in the history.",
 "Tuliskan alasannya.": "Write the reason.", "Kasus %(n)s dikirim untuk diverifikasi.": "Case %(n)s sent for verification.",
 "Kasus %(n)s terverifikasi.": "Case %(n)s verified.", "Kasus %(n)s dikembalikan ke petugas data.": "Case %(n)s returned to the data officer.",
 "Kasus %(n)s ditutup.": "Case %(n)s closed.", "Kasus %(n)s dihapus (tercatat di jejak audit).": "Case %(n)s deleted (recorded in the audit trail).",
 "Layanan dicatat.": "Service recorded.", "Layanan tidak dicatat: %(e)s": "Service not recorded: %(e)s",
 "Kasus dirujuk ke %(tf)s; menunggu jawaban.": "Case referred to %(tf)s; awaiting an answer.",
 "Pilih gugus tugas tujuan dan tuliskan alasannya.": "Choose the receiving task force and write the reason.",
 "Rujukan diterima: kasus %(n)s kini tampil di daftar kasus.": "Referral accepted: case %(n)s now appears in the case list.",
 "Rujukan ditolak.": "Referral declined.", "Pilih berkas untuk diunggah.": "Choose a file to upload.",
 "Lampiran harus PDF, JPG atau PNG.": "Attachments must be PDF, JPG or PNG.", "Lampiran diunggah.": "Attachment uploaded.",
 "Tanggal lapor ": "Report date",
 "Wilayah kejadian (di Indonesia)": "Region of the incident (in Indonesia)", "atau negara kejadian": "or country of the incident",
 "Bentuk eksploitasi": "Forms of exploitation", "Sektor": "Sector", "Cara": "Means", "Daerah transit": "Transit region",
 "Daerah tujuan (di Indonesia)": "Destination (in Indonesia)", "atau negara tujuan": "or destination country",
 "Kronologi singkat": "Short chronology", "Nama korban": "Victim's name", "Jenis kelamin": "Sex",
 "atau usia saat kejadian": "or age at the incident", "Daerah asal korban": "Victim's home region",
 "Kontak (telepon/alamat)": "Contact (phone/address)", "Pendidikan": "Education", "Pekerjaan": "Occupation",
 "Status perkawinan": "Marital status", "Penyandang disabilitas": "Person with a disability",
 "Layanan yang sudah diberikan": "Services already given", "Rujuk ke gugus tugas": "Refer to task force",
 "Alasan rujukan": "Reason for referral", "Instansi pemberi layanan": "Provider agency", "Tahun": "Year",
 "Semua status": "All statuses", "Semua bentuk": "All forms", "Semua": "All", "Anak/dewasa": "Child/adult", "anak": "child",
 "dewasa": "adult", "Wilayah kejadian": "Region of the incident", "Semua layanan": "All services",
 "Lampiran (PDF, JPG atau PNG, maks. 10 MB)": "Attachment (PDF, JPG or PNG, max. 10 MB)",
 "Berkas .xlsx atau .csv": ".xlsx or .csv file", "Impor sebagai terverifikasi": "Import as verified",
 "Kode wilayah tidak dikenal.": "Unknown region code.", "Negara tidak dikenal.": "Unknown country.",
 "Kewarganegaraan tidak dikenal.": "Unknown nationality.",
}
TRANSLATIONS = T
TRANSLATIONS.update({"status": "status", "usia": "age"})
TRANSLATIONS.update({
    "Usia pelaku harus antara 10 dan 100 tahun.": "The perpetrator's age must be between 10 and 100.",
    "Data korban diperbarui.": "Victim's record updated.", "Pelaku dicatat.": "Perpetrator recorded.",
    "Pelaku tidak dicatat: %(e)s": "Perpetrator not recorded: %(e)s", "Ubah data korban": "Edit victim",
    "Pelaku": "Perpetrators", "korporasi": "corporation", "tahun": "years",
    "Belum ada pelaku tercatat.": "No perpetrator recorded yet.", "Catat pelaku": "Record a perpetrator",
    "Simpan pelaku": "Save perpetrator", "Ubah data korban · kasus %(n)s": "Edit victim · case %(n)s",
})
TRANSLATIONS.update({
    "Kasus di wilayah": "Cases in the region", "Kasus gugus tugas ini": "This task force's cases",
    "Kasus yang dipegang gugus tugas provinsi dan kabupaten/kota, tanpa identitas korban: hanya "
    "jenis kelamin dan kelompok umur. Rinciannya ada pada gugus tugas yang memegangnya.":
    "Cases held by the provincial and district task forces, without victims' identities: sex and "
    "age group only. Their records stay with the task force that holds them.",
    "Kasus yang dipegang gugus tugas kabupaten/kota di provinsi ini, tanpa identitas korban: hanya "
    "jenis kelamin dan kelompok umur. Rinciannya ada pada gugus tugas yang memegangnya.":
    "Cases held by the district task forces of this province, without victims' identities: sex "
    "and age group only. Their records stay with the task force that holds them.",
})
TRANSLATIONS.update({"Gugus tugas": "Task force"})
TRANSLATIONS.update({
    "Antrean impor sedang tidak tersedia; berkas Anda tetap tersimpan. Coba jalankan lagi "
    "beberapa saat lagi.": "The import queue is unavailable right now; your file is kept. Try "
    "running it again in a moment.",
})

# One door to identities, de-identified exports, import files (issue 10)
TRANSLATIONS.update({
    "dibatalkan": "cancelled",
    "Format": "Format",
    "Keperluan": "Purpose",
    "Mengapa identitas korban perlu diekspor (misalnya: rujukan layanan ke Dinas Sosial). "
    "Dicatat bersama setiap korban yang diekspor.": "Why the victims' identities must be exported "
    "(for example: referral for services to the Social Affairs office). Recorded with every victim "
    "exported.",
    "Tuliskan keperluan ekspor dengan identitas.": "Write the purpose of the export with identities.",
    "Tuliskan keperluannya dengan jelas (sedikitnya %(limit_value)d karakter).":
        "State the purpose clearly (at least %(limit_value)d characters).",
    "Impor ini sudah berjalan atau selesai; tidak dapat dibatalkan.":
        "This import has already started or finished; it cannot be cancelled.",
    "Impor dibatalkan; berkasnya telah dihapus.": "Import cancelled; its file has been deleted.",
    "Ekspor dengan identitas korban": "Export with victims' identities",
    "Ekspor dengan identitas…": "Export with identities…",
    "Berkas ini memuat nama, NIK dan kontak korban dari %(n)s kasus yang cocok dengan saringan. "
    "Setiap korban yang diekspor dicatat atas nama Anda beserta keperluannya, dan tampil di riwayat "
    "kasus bagi verifikator dan admin sekretariat.": "This file holds the names, NIK and contacts "
    "of the victims of the %(n)s cases matching the filter. Every victim exported is recorded "
    "under your name with the purpose, and shown on the case history to verifiers and the "
    "secretariat admin.",
    "Unduh dengan identitas": "Download with identities",
    "Batalkan impor": "Cancel the import",
    "Batalkan": "Cancel",
    "Data": "Data",
    "Halaman": "Page",
})
TRANSLATIONS.update({
    "lihat rincian kasus": "view the case record", "ubah kasus": "edit the case",
    "ubah data korban": "edit the victim's record", "unduh lampiran": "download an attachment",
    "ekspor dengan identitas": "export with identities",
})
# The case workflow: optimistic locking and four eyes (cases.workflow, cases.services)
TRANSLATIONS.update({
    "Kasus ini dicatat atau diubah oleh Anda sendiri; verifikasi harus dilakukan orang lain "
    "(prinsip empat mata).": "You entered or changed this case; someone else must verify it "
    "(four-eyes principle).",
    "diubah": "changed", "ditambah layanan atau pelakunya": "given services or perpetrators",
    "diberi lampiran": "given attachments", "dirujuk": "referred",
    "dikirim untuk verifikasi": "sent for verification", "diverifikasi": "verified",
    "dikembalikan": "returned", "ditutup": "closed", "dihapus": "deleted",
    "Kasus ini sudah dihapus.": "This case has been deleted.",
    "Kasus berstatus %(status)s tidak dapat %(verb)s.": "A case that is %(status)s cannot be "
    "%(verb)s.",
    "data korban": "victim data", "layanan": "services",
    "data korban, layanan atau pelaku": "victim, service or perpetrator data",
    "orang lain": "someone else",
    "Kasus ini sudah diubah oleh %(who)s pada %(when)s setelah Anda membukanya: %(what)s. "
    "Tidak ada yang disimpan dari Anda; periksa perubahan itu lalu ulangi bila masih perlu.":
    "%(who)s changed this case on %(when)s, after you opened it: %(what)s. Nothing of yours "
    "was saved; check that change, then try again if still needed.",
    "Rujukan ini sudah %(status)s oleh %(who)s.": "This referral was already %(status)s by "
    "%(who)s.",
    "Halaman ini sudah usang; muat ulang kasusnya lalu ulangi.": "This page is out of date; "
    "reload the case and try again.",
    "Kolom ini juga diubah orang lain sejak Anda membuka formulir; isian Anda masih di sini. "
    "Periksa sebelum menyimpan lagi.": "Someone else also changed this field since you opened "
    "the form; your input is still here. Check it before saving again.",
    "Diizinkan oleh pengaturan gugus tugas (satu orang untuk data identitas).": "Allowed by the "
    "task force's setting (a single person for identity data).",
    "diverifikasi oleh pencatatnya sendiri (%(who)s)": "verified by the person who entered it "
    "(%(who)s)",
})
TRANSLATIONS.update({
    "Impor ini belum berjalan: antrean tidak tersedia saat diminta. Berkas Anda tetap tersimpan.":
        "This import has not run: the queue was unavailable when it was asked for. Your file is "
        "kept.",
    "Jalankan lagi": "Run again",
})
# issue 11: the spreadsheets people really have
TRANSLATIONS.update({
    'NIK menunjukkan jenis kelamin %(nik)s, bukan %(row)s (tanggal pada NIK perempuan ditambah 40).': "The NIK shows sex %(nik)s, not %(row)s (a woman's NIK adds 40 to the day).",
    'Tanggal lahir pada NIK (%(nik)s) berbeda dari tanggal lahir %(date)s.': 'The birth date in the NIK (%(nik)s) differs from the birth date %(date)s.',
    'Nama paling panjang %(n)s karakter (tertulis %(len)s).': 'A name may have at most %(n)s characters (this one has %(len)s).',
    'Basis data menolak sebuah nilai (terlalu panjang atau di luar batas); tidak ada data yang diimpor. Laporkan berkas ini kepada pengelola aplikasi.': "The database refused a value (too long or out of range); nothing was imported. Report this file to the application's administrators.",
    'Urutan tanggal bercampur: %(a)s (baris %(ra)s) hanya dapat dibaca hari/bulan, %(b)s (baris %(rb)s) hanya bulan/hari. Samakan formatnya, mis. 2025-02-20.': 'Mixed date orders: %(a)s (row %(ra)s) can only be read day/month, %(b)s (row %(rb)s) only month/day. Use one format, e.g. 2025-02-20.',
    'Paling panjang %(n)s karakter (tertulis %(len)s).': 'At most %(n)s characters (this one has %(len)s).',
    'Excel membulatkan angka ini: format kolom sebagai teks, lalu ketik ulang NIK.': 'Excel rounded this number: format the column as text, then type the NIK again.',
    'Jenis kelamin harus L atau P (atau Laki-laki / Perempuan).': 'Sex must be L or P (or Laki-laki / Perempuan).',
    'Usia harus bilangan bulat tahun, mis. 25 atau 25 tahun.': 'Age must be a whole number of years, e.g. 25 or 25 tahun.',
    'Tanggal tidak dikenali. Gunakan 2023-05-17, 17/05/2023 atau 17 Mei 2023.': 'Date not recognised. Use 2023-05-17, 17/05/2023 or 17 Mei 2023.',
    'Kolom %(column)s: kode %(raw)s dibaca sebagai %(code)s (Excel membuang angka 0 di belakang koma; format kolom sebagai teks).': 'Column %(column)s: code %(raw)s was read as %(code)s (Excel drops trailing zeros after the decimal point; format the column as text).',
    'Baris judul kolom dibaca dari baris %(row)s.': 'The column headers were read from row %(row)s.',
    'Baris judul kolom dibaca dari baris %(row)s lembar “%(sheet)s”.': 'The column headers were read from row %(row)s of sheet “%(sheet)s”.',
    'Berkas .xlsx rusak atau terpotong; simpan ulang dari Excel lalu unggah lagi.': 'The .xlsx file is damaged or truncated; save it again from Excel and upload it again.',
    'Baris %(row)s berkas .csv tidak dapat dibaca: sel terlalu panjang (batas 128 KB) atau tanda kutip tidak ditutup.': 'Row %(row)s of the .csv file cannot be read: a cell is too long (limit 128 KB) or a quote is not closed.',
    'Cara berkas ini dibaca:': 'How this file was read:',
    'seluruh berkas': 'whole file',
    'Kolom ini muncul lebih dari sekali di baris judul; hapus salah satunya.': 'This column appears more than once in the header row; remove one of them.',
    'Kolom %(column)s dibaca sebagai bulan/hari/tahun (format Excel berbahasa Inggris), karena ada tanggal yang hanya dapat dibaca begitu (%(example)s, baris %(row)s).': 'Column %(column)s was read as month/day/year (an English-language Excel format), because some of its dates can only be read that way (%(example)s, row %(row)s).',
    'Kolom %(column)s dibaca sebagai hari/bulan/tahun: %(example)s (baris %(row)s) dibaca %(date)s.': 'Column %(column)s was read as day/month/year: %(example)s (row %(row)s) was read as %(date)s.',
})
# issue 14: the case form on a phone (searchable regions and countries, error summary, draft)
TRANSLATIONS.update({
    "Wilayah tidak dikenal: ketik nama atau kode wilayah, lalu pilih dari saran yang muncul.":
        "Unknown region: type the region's name or code, then pick one of the suggestions.",
    "Negara tidak dikenal: ketik nama negara, lalu pilih dari saran yang muncul.":
        "Unknown country: type the country's name, then pick one of the suggestions.",
    "Kewarganegaraan tidak dikenal: ketik nama negara, lalu pilih dari saran yang muncul.":
        "Unknown nationality: type the country's name, then pick one of the suggestions.",
    "atau negara kejadian (di luar Indonesia)": "or country of incident (outside Indonesia)",
    "atau negara tujuan (di luar Indonesia)": "or country of destination (outside Indonesia)",
    "Korban %(n)s – ": "Victim %(n)s – ",
    "Draf terlalu besar untuk disimpan.": "The draft is too large to be saved.",
    "Kasus belum tersimpan: periksa %(n)s isian berikut": (
        "The case is not saved yet: check the following %(n)s field",
        "The case is not saved yet: check the following %(n)s fields"),
    "Isian yang belum tersimpan sebagai kasus dipulihkan dari draf %(date)s pukul "
    "%(time)s.": "What you typed but had not saved as a case was restored from the draft of "
                 "%(date)s at %(time)s.",
    "Wilayah dan negara: ketik nama atau kode.": "Regions and countries: type the name or code.",
    "Daftar wilayah": "List of regions", "Daftar negara": "List of countries",
    "Draf tersimpan %(time)s": "Draft saved %(time)s",
    "Salin nama atau kode ke kolom formulir. Dengan JavaScript, kolom itu menyarankan pilihan "
    "saat Anda mengetik.": "Copy the name or code into the form's field. With JavaScript, the "
                            "field suggests choices as you type.",
    "Cari": "Search", "Nama": "Name", "Kode": "Code", "Tidak ada yang cocok.": "Nothing matches.",
})
# i14-referrals: referrals carrying services, services corrected and removed, readable history
T.update({
    "Alasan paling banyak %(n)s karakter.": "A reason is at most %(n)s characters.",
    "Gugus tugas tujuan tidak dikenal; cari lalu pilih dari daftar.": "Unknown receiving task force; search, then choose from the list.",
    "Hanya gugus tugas pemilik atau penerima rujukan kasus ini yang dapat mencatat layanannya.": "Only the task force that owns this case, or one that accepted its referral, can record its services.",
    "Isi tanggal layanan.": "Give the date of the service.",
    "Jenis layanan tidak dikenal: %(code)s": "Unknown service type: %(code)s",
    "Layanan dihapus; alasannya tersimpan di riwayat.": "Service removed; the reason is kept in the history.",
    "Layanan diperbaiki.": "Service corrected.",
    "Layanan ini dicatat oleh gugus tugas lain; hanya gugus tugas itu yang dapat mengubahnya.": "This service was recorded by another task force; only that task force can change it.",
    "Rujukan tidak dikirim: %(e)s": "Referral not sent: %(e)s",
    "Tanggal layanan tidak boleh di masa depan.": "The date of a service cannot be in the future.",
    "Tidak ada yang diubah.": "Nothing was changed.",
    "Ya": "Yes",
    "Tidak": "No",
    "Tuliskan alasan penghapusan layanan.": "Give the reason for removing the service.",
    "Tuliskan alasan perbaikan layanan.": "Give the reason for correcting the service.",
    "alasan penghapusan": "reason for deletion",
    "data resmi": "official data",
    "dicatat oleh gugus tugas": "recorded by task force",
    "dicatat oleh": "recorded by",
    "dicatat pada": "recorded on",
    "dihapus pada": "deleted on",
    "dikirim untuk verifikasi pada": "sent for verification on",
    "diverifikasi oleh": "verified by",
    "diverifikasi pada": "verified on",
    "diverifikasi pencatatnya sendiri": "verified by the person who recorded it",
    "kasus dicatat": "case recorded",
    "layanan %(v)s diperbaiki": "service of %(v)s corrected",
    "layanan dicatat untuk %(v)s": "service recorded for %(v)s",
    "layanan dihapus dari %(v)s": "service removed from %(v)s",
    "layanan yang diminta": "services requested",
    "Layanan yang diminta": "Services requested",
    "melengkapi tanggal dan instansi": "completing the date and agency",
    "tanggal": "date",
    "korban": "victim",
    "Alasan penghapusan layanan": "Reason for removing the service",
    "Alasan perbaikan": "Reason for the correction",
    "Pilih gugus tugas tujuan.": "Choose the receiving task force.",
    "Pilih sedikitnya satu layanan yang diminta.": "Choose at least one service requested.",
    "Perbaiki layanan kasus %(n)s": "Correct a service of case %(n)s",
    "Tidak ada gugus tugas yang cocok dengan \"%(q)s\".": "No task force matches \"%(q)s\".",
    "Alasan perbaikan disimpan di riwayat kasus; tidak perlu diisi bila hanya melengkapi tanggal dan instansi.": "The reason for a correction is kept in the case history; not needed when only completing the date and agency.",
    "Asal": "Origin",
    "Tujuan": "Destination",
    "Batal": "Cancel",
    "Cari gugus tugas tujuan (nama atau kode)": "Search the receiving task force (name or code)",
    "Cari gugus tugas tujuan menurut nama atau kode wilayah.": "Search the receiving task force by name or region code.",
    "Cari": "Search",
    "Data yang ditampilkan": "Data shown",
    "Dicatat oleh": "Recorded by",
    "Tindakan": "Actions",
    "Hapus layanan yang tercatat keliru (misalnya tercatat dua kali). Layanan dan alasannya tetap tersimpan di riwayat.": "Remove a service recorded by mistake (for example twice). The service and the reason stay in the history.",
    "Hapus layanan": "Remove service",
    "Lengkapi": "Complete",
    "Perbaiki": "Correct",
    "Simpan perbaikan": "Save correction",
    "belum lengkap": "incomplete",
    "Usulan: gugus tugas daerah asal korban.": "Suggested: the task force of the victim's home region.",
    "kasus (kronologi, catatan, lampiran)": "case (chronology, notes, attachments)",
    "Alasan": "Reason",
})
TRANSLATIONS.update({  # each service's own date and provider (entry form and import)
    "Tanggal diberikan": "Date given",
    "Instansi pemberi": "Provider agency",
    "tanggal diberikan": "date given",
    "instansi pemberi": "provider agency",
    "Centang layanannya, atau kosongkan tanggal dan instansinya.":
        "Tick the service, or clear its date and agency.",
    "Centang layanan yang sudah diberikan, lalu isi tanggal dan instansi pemberinya.":
        "Tick the services already given, then fill in their date and provider agency.",
    "Kolom layanan kosong: isi kode layanannya, atau kosongkan kolom ini.":
        "The layanan column is empty: fill in the service codes, or clear this column.",
    "Isi satu nilai untuk semua layanan di baris ini, atau satu per layanan (%(services)s "
    "layanan, %(values)s nilai).":
        "Give one value for all the services of this row, or one per service (%(services)s "
        "services, %(values)s values).",
    "Layanan tanpa tanggal_layanan (mis. baris %(row)s) dicatat tanpa tanggal, bukan dengan "
    "tanggal lapor, dan ditandai belum lengkap di halaman kasus: lengkapi tanggalnya di sana.":
        "Services without tanggal_layanan (e.g. row %(row)s) are recorded without a date, not "
        "with the report date, and marked incomplete on the case page: complete the date there.",
    "Kode layanan yang sudah diberikan, dipisah titik koma.":
        "Codes of the services already given, separated by semicolons.",
    "Tanggal layanan diberikan: satu tanggal untuk semua layanan di baris itu, atau satu per "
    "layanan dengan urutan yang sama, dipisah titik koma. Bila kosong, layanan dicatat tanpa "
    "tanggal (bukan tanggal lapor) dan ditandai belum lengkap di halaman kasus.":
        "The date each service was given: one date for all the services of the row, or one per "
        "service in the same order, separated by semicolons. When empty, the services are "
        "recorded without a date (not the report date) and marked incomplete on the case page.",
    "Instansi pemberi layanan: satu untuk semua layanan di baris itu, atau satu per layanan "
    "dengan urutan yang sama, dipisah titik koma.":
        "The provider agency: one for all the services of the row, or one per service in the "
        "same order, separated by semicolons.",
    "wajib": "required",
})
TRANSLATIONS.update({
    "restitusi dimohonkan (Rp)": "restitution requested (Rp)",
    "Jumlah restitusi tidak boleh negatif.": "A restitution amount cannot be negative.",
    "Restitusi dibayar diisi, tetapi restitusi yang diputus pengadilan belum diisi.":
        "Restitution paid is filled in, but the restitution ordered by the court is not.",
    "Restitusi dibayar tidak boleh melebihi restitusi yang diputus pengadilan.":
        "Restitution paid cannot exceed the restitution ordered by the court.",
    "Jumlah yang dimohonkan korban (melalui penuntut umum atau LPSK), dalam rupiah.":
        "The amount the victim requested (through the public prosecutor or LPSK), in rupiah.",
    "Jumlah yang dikabulkan dalam putusan pengadilan.": "The amount granted in the court's verdict.",
    "Jumlah yang sudah dibayarkan kepada korban.": "The amount already paid to the victim.",
    "Restitusi (Rp)": "Restitution (Rp)", "dimohonkan": "requested", "diputus": "ordered",
    "dibayar": "paid",
    "Jumlah rupiah tidak dikenali; tulis angka saja, mis. 25000000.":
        "Rupiah amount not recognised; write digits only, e.g. 25000000.",
    "Jumlah rupiah harus bilangan bulat, mis. 25000000.":
        "A rupiah amount must be a whole number, e.g. 25000000.",
    "Jumlah rupiah terlalu besar.": "The rupiah amount is too large.",
})
