# English for the project-level strings (templates/ and gugus_tugas/). Indonesian is the source
# language of every msgid; `python scripts/fill_po.py locale/en/LC_MESSAGES/django.po
# locale/en/translations.py` fills the .po, then `manage.py compilemessages`.
TRANSLATIONS = {
    "Rapat & rekomendasi": "Meetings & recommendations",
    "Jenis berkas tidak diizinkan. Yang diterima: %(kinds)s.": "File type not allowed. Accepted: %(kinds)s.",
    "Nomor SK ini sudah tercatat di gugus tugas ini.": "This decree number is already recorded in this task force.",
    "Tanggal penetapan tidak boleh di masa depan.": "The date signed cannot be in the future.",
    "Periode berakhir (%(end)s) sebelum periode mulai (%(start)s).": "The period ends (%(end)s) before it starts (%(start)s).",
    "Tahun harus antara 1945 dan 2100.": "The year must be between 1945 and 2100.",
    "Pilih SK yang digantikan untuk menyalin anggotanya.": "Choose the decree being replaced to copy its members.",
    "Nama sub gugus tugas tidak boleh ganda.": "Sub task force names must not repeat.",
    "Terlalu banyak ketua dalam satu SK (paling banyak 3).": "Too many chairs in one decree (at most 3).",
    "Anda tidak berwenang memberikan peran ini.": "You may not grant this role.",
    "Kedua kata sandi tidak sama.": "The two passwords differ.",
    "Sub gugus tugas (satu per baris)": "Sub task forces (one per line)",
    "Bawaan: enam bidang Rencana Aksi Nasional. Ubah sesuai SK.": "Default: the six areas of the national action plan. Edit to match the decree.",
    "Salin sub gugus tugas dan anggota dari SK yang digantikan": "Copy sub task forces and members from the replaced decree",
    "Email": "Email", "email": "email", "Peran": "Role", "peran": "role",
    "Nama lengkap": "Full name", "Kata sandi": "Password", "Ulangi kata sandi": "Repeat password",
    "nama": "name", "zona waktu": "time zone", "pengguna": "user", "provinsi": "province",
    "kabupaten/kota": "regency/city", "kabupaten": "regency", "kota": "city",
    "kode wilayah": "region code", "wilayah": "region", "nasional": "national", "kode": "code",
    "tingkat": "level", "kantor sekretariat": "secretariat office", "alamat": "address",
    "telepon": "phone", "logo": "logo", "rapat wajib per tahun": "meetings required per year",
    "gugus tugas": "task force", "keanggotaan akun": "account membership", "undangan": "invitation",
    "Presiden": "President", "Menteri": "Minister", "Gubernur": "Governor", "Bupati": "Regent",
    "Wali Kota": "Mayor", "berlaku": "in force", "dicabut": "revoked", "diganti": "replaced",
    "nomor SK": "decree number", "judul": "title", "tanggal ditetapkan": "date signed",
    "penerbit": "issuer", "periode mulai (tahun)": "period start (year)",
    "periode berakhir (tahun)": "period end (year)", "status": "status",
    "menggantikan SK": "replaces decree", "pindaian SK (PDF)": "decree scan (PDF)",
    "surat keputusan": "decree", "Pencegahan": "Prevention",
    "Rehabilitasi Kesehatan": "Health rehabilitation",
    "Rehabilitasi Sosial, Pemulangan dan Reintegrasi Sosial": "Social rehabilitation, repatriation and social reintegration",
    "Pengembangan Norma Hukum": "Development of legal norms", "Penegakan Hukum": "Law enforcement",
    "Koordinasi dan Kerja Sama": "Coordination and cooperation",
    "nama sub gugus tugas": "sub task force name", "urutan": "order", "sub gugus tugas": "sub task force",
    "Ketua": "Chair", "Wakil Ketua": "Vice chair", "Ketua Harian": "Daily chair",
    "Sekretaris": "Secretary", "Ketua Sub Gugus Tugas": "Sub task force chair", "Anggota": "Member",
    "jabatan": "position", "instansi": "agency", "nama (opsional)": "name (optional)",
    "kedudukan": "role in the task force", "anggota SK": "decree member",
    "Admin sekretariat": "Secretariat admin", "Petugas data": "Data officer",
    "Verifikator data (PIC data)": "Data verifier (data PIC)", "Koordinator": "Coordinator",
    "Peninjau": "Viewer", "Peran tidak dikenal.": "Unknown role.",
    "%(email)s sudah menjadi anggota gugus tugas ini.": "%(email)s is already a member of this task force.",
    "Undangan ke %(tf)s": "Invitation to %(tf)s",
    "Anda diundang sebagai %(role)s di %(tf)s.\n\nBuka tautan berikut untuk menerima undangan (berlaku sampai %(until)s):\n%(link)s\n":
        "You are invited as %(role)s in %(tf)s.\n\nOpen this link to accept (valid until %(until)s):\n%(link)s\n",
    "Undangan ini sudah dibatalkan. Mintalah undangan baru.": "This invitation was cancelled. Ask for a new one.",
    "Undangan ini sudah dipakai. Silakan masuk.": "This invitation was already used. Please log in.",
    "Tautan undangan sudah kedaluwarsa. Mintalah admin sekretariat mengirim ulang.": "The invitation link has expired. Ask the secretariat admin to send it again.",
    "Undangan ini untuk alamat email lain.": "This invitation is for another email address.",
    "Anda tidak dapat mencabut peran Anda sendiri.": "You cannot revoke your own role.",
    "Bahasa Indonesia": "Bahasa Indonesia", "English": "English",
    "Berkas terlalu besar (%(size)s). Batasnya %(max)s.": "The file is too large (%(size)s). The limit is %(max)s.",
    "Berkas bukan PDF. Unggah %(what)s dalam format PDF.": "The file is not a PDF. Upload the %(what)s as a PDF.",
    "pindaian SK": "decree scan", "pindaian peraturan": "regulation scan",
    "bukti kemajuan": "progress evidence", "pindaian kesepakatan": "agreement scan",
    "Berkas PDF rusak atau tidak dapat dibaca.": "The PDF is damaged or cannot be read.",
    "SK %(number)s tersimpan. Lengkapi anggotanya.": "Decree %(number)s saved. Now add its members.",
    "SK %(number)s diperbarui.": "Decree %(number)s updated.",
    "Susunan anggota SK %(number)s tersimpan.": "Members of decree %(number)s saved.",
    "Sub gugus tugas tersimpan.": "Sub task forces saved.",
    "Undangan dikirim ke %(email)s.": "Invitation sent to %(email)s.",
    "Undangan untuk %(email)s dibatalkan.": "Invitation for %(email)s cancelled.",
    "Peran %(user)s dicabut.": "Role of %(user)s revoked.",
    "Data sekretariat tersimpan.": "Secretariat details saved.",
    "Masuk dengan %(email)s untuk menerima undangan.": "Log in as %(email)s to accept the invitation.",
    "Anda sekarang anggota %(tf)s.": "You are now a member of %(tf)s.",
    "Selamat datang, %(name)s. Akun Anda sudah dibuat.": "Welcome, %(name)s. Your account is ready.",
    "Peran %(role)s dapat melihat identitas korban: aktifkan verifikasi dua langkah (aplikasi autentikator) sebelum melanjutkan.":
        "The %(role)s role can see victims' identities: turn on two-step verification (authenticator app) before you go on.",
    "Kasus": "Cases", "Dasbor & laporan": "Dashboard & reports", "Masuk": "Log in",
    "Gugus tugas saya": "My task forces", "Verifikasi dua langkah": "Two-step verification",
    "Ganti kata sandi": "Change password", "Keluar": "Log out", "Menu gugus tugas": "Task force menu",
    "Beranda": "Home", "SK": "Decrees", "Pengguna": "People", "Jejak audit": "Audit trail",
    "Sekretariat Gugus Tugas Pencegahan dan Penanganan Tindak Pidana Perdagangan Orang":
        "Secretariat of the Task Force for the Prevention and Handling of Trafficking in Persons",
    "Tambah baris": "Add a row", "Pimpinan": "Leadership", "Kedudukan": "Role", "Jabatan": "Position",
    "Instansi": "Agency", "Anggota lain": "Other members", "Nama": "Name",
    "Belum ada anggota.": "No members yet.", "Waktu": "Time", "Tindakan": "Action",
    "Rincian": "Details", "Belum ada catatan.": "Nothing recorded yet.", "Cetak susunan": "Print structure",
    "Sub gugus tugas": "Sub task forces", "Ubah": "Edit", "Status": "Status", "Ditetapkan": "Signed",
    "Periode": "Period", "Menggantikan": "Replaces", "Pindaian": "Scan", "Unduh PDF": "Download PDF",
    "Susunan keanggotaan": "Membership structure", "Ubah SK %(number)s": "Edit decree %(number)s",
    "Catat SK baru": "Record a new decree", "Simpan": "Save", "Batal": "Cancel",
    "Riwayat SK": "Decree history", "Nomor": "Number", "Tanggal": "Date",
    "Belum ada SK tercatat.": "No decree recorded yet.", "Anggota SK %(number)s": "Members of decree %(number)s",
    "Isi jabatan dan instansi; nama orang boleh dikosongkan bila keanggotaan menurut jabatan. Kosongkan baris yang tidak dipakai.":
        "Fill in position and agency; leave the person's name empty when membership is by position. Leave unused rows empty.",
    "Simpan anggota": "Save members", "Cetak": "Print", "Kembali": "Back",
    "SUSUNAN KEANGGOTAAN": "MEMBERSHIP STRUCTURE",
    "Lampiran Keputusan Nomor %(number)s tanggal %(date)s": "Annex to Decree No. %(number)s of %(date)s",
    "Dicetak %(at)s": "Printed %(at)s", "Sub gugus tugas SK %(number)s": "Sub task forces of decree %(number)s",
    "Gugus tugas": "Task force", "Tingkat": "Level",
    "Anda belum memiliki peran di gugus tugas mana pun. Mintalah admin sekretariat gugus tugas Anda mengirim undangan.":
        "You have no role in any task force yet. Ask your task force's secretariat admin to invite you.",
    "Undangan": "Invitation",
    "Anda diundang ke <strong>%(tf)s</strong> sebagai <strong>%(role)s</strong> (%(email)s).":
        "You are invited to <strong>%(tf)s</strong> as <strong>%(role)s</strong> (%(email)s).",
    "Terima undangan": "Accept the invitation",
    "Buat kata sandi untuk akun Anda (minimal 10 karakter).": "Choose a password for your account (at least 10 characters).",
    "Buat akun dan terima": "Create my account and accept", "Pengguna dan peran": "People and roles",
    "2FA": "2FA", "Cabut peran ini?": "Revoke this role?", "Cabut": "Revoke", "Undang orang": "Invite someone",
    "Kirim undangan": "Send invitation", "Undangan yang belum diterima": "Pending invitations",
    "Berlaku sampai": "Valid until", "kedaluwarsa": "expired", "Batalkan": "Cancel",
    "Data sekretariat": "Secretariat details", "Data sekretariat belum diisi.": "Secretariat details not filled in yet.",
    "SK %(number)s sudah berakhir pada %(end)s. Segera tetapkan SK baru.": "Decree %(number)s expired on %(end)s. Adopt a new decree soon.",
    "SK %(number)s berakhir dalam %(days)s hari (%(end)s).": (
        "Decree %(number)s expires in %(days)s day (%(end)s).",
        "Decree %(number)s expires in %(days)s days (%(end)s). Prepare a revision or a new decree."),
    "SK yang berlaku": "Decree in force",
    "Ditetapkan oleh %(issuer)s, %(date)s · periode %(period)s · %(n)s anggota": (
        "Signed by the %(issuer)s, %(date)s · period %(period)s · %(n)s member",
        "Signed by the %(issuer)s, %(date)s · period %(period)s · %(n)s members"),
    "Susunan keanggotaan (cetak)": "Membership structure (print)",
    "Belum ada SK yang berlaku untuk gugus tugas ini.": "This task force has no decree in force.",
    "Catat SK pembentukan": "Record the founding decree",
    "%(n)s gugus tugas di bawahnya": ("%(n)s task force below it", "%(n)s task forces below it"),
    "Sistem informasi sekretariat Gugus Tugas PP-TPPO. Akun dibuat melalui undangan admin sekretariat gugus tugas Anda.":
        "Records system of the GT PP-TPPO secretariats. Accounts are created by invitation from your task force's secretariat admin.",
    "Lupa kata sandi?": "Forgot your password?",
}
TRANSLATIONS.update({
    "Profil saya": "My profile", "Profil tersimpan.": "Profile saved.", "Logo": "Logo",
    "Kosong: zona waktu gugus tugas yang dibuka.": "Empty: the time zone of the task force you open.",
    "Berkas bukan gambar PNG atau JPEG yang dapat dibaca.": "The file is not a readable PNG or JPEG image.",
    "Logo harus berformat PNG atau JPEG.": "The logo must be a PNG or JPEG.",
})
TRANSLATIONS["Sub gugus tugas SK %(number)s tersimpan."] = "Sub task forces of decree %(number)s saved."

# Four eyes on case verification (TaskForce.allow_self_verification)
TRANSLATIONS.update({
    "izinkan verifikasi kasus oleh pencatatnya sendiri": "allow a case to be verified by the "
    "person who entered it",
    "Hanya bila gugus tugas ini mempunyai satu orang saja untuk data identitas korban. Kasus "
    "yang diverifikasi oleh pencatatnya sendiri ditandai.": "Only if this task force has a single "
    "person for victims' identity data. Cases verified by the person who entered them are marked.",
})
# Second factor, operator actions on accounts, identity-role grants (issue 10).
TRANSLATIONS.update({
    "Masukkan kode dari aplikasi autentikator untuk melanjutkan.": "Enter the code from your authenticator app to continue.",
    "Akun staf harus memakai verifikasi dua langkah: aktifkan aplikasi autentikator sebelum membuka halaman admin.": "Staff accounts must use two-step verification: set up an authenticator app before opening the admin pages.",
    "Jika Anda tidak memintanya, segera hubungi admin sekretariat gugus tugas Anda.": "If you did not ask for this, contact the secretariat admin of your task force at once.",
    "Verifikasi dua langkah akun Anda dihapus": "The two-step verification of your account was removed",
    "Administrator platform (%(actor)s) menghapus aplikasi autentikator akun Anda pada %(when)s. Anda harus mengaktifkannya lagi saat masuk berikutnya.": "A platform administrator (%(actor)s) removed the authenticator app of your account on %(when)s. You must set it up again when you next log in.",
    "Kata sandi akun Anda diubah oleh administrator": "Your account's password was changed by an administrator",
    "Administrator platform (%(actor)s) mengubah kata sandi akun Anda pada %(when)s.": "A platform administrator (%(actor)s) changed your account's password on %(when)s.",
    "perintah baris (command line)": "the command line",
    "perintah baris": "command line",
    "Peran yang dapat melihat identitas korban diberikan di %(tf)s": "A role that sees victims' identities was given in %(tf)s",
    "%(by)s mengundang %(email)s sebagai %(role)s di %(tf)s pada %(when)s.\n\nPeran ini dapat melihat identitas korban (nama, NIK, kontak). Jika undangan ini tidak semestinya, batalkan di halaman Pengguna gugus tugas tersebut:\n%(people)s\n": "%(by)s invited %(email)s as %(role)s in %(tf)s on %(when)s.\n\nThis role sees victims' identities (name, NIK, contact). If this invitation is not right, cancel it on that task force's Users page:\n%(people)s\n",
    "Pemberian peran yang dapat melihat identitas korban": "Roles given that see victims' identities",
    "Undangan sebagai petugas data atau verifikator dalam %(days)s hari terakhir. Setiap undangan seperti ini juga dikirim lewat email ke admin sekretariat lain di gugus tugas ini dan di provinsinya.": "Invitations as data officer or verifier in the last %(days)s days. Each such invitation is also emailed to the other secretariat admins of this task force and of its province.",
    "Tanggal": "Date",
    "Diundang oleh": "Invited by",
    "Status": "Status",
    "diterima": "accepted",
    "dibatalkan": "cancelled",
    "kedaluwarsa": "expired",
    "belum diterima": "not yet accepted",
    "Belum ada.": "None yet.",
    "Akun Anda diubah oleh administrator": "Your account was changed by an administrator",
    "Administrator platform (%(actor)s) mengubah akun Anda pada %(when)s: ": "A platform administrator (%(actor)s) changed your account on %(when)s: ",
})
# rad/: the link in templates/_tf_nav_apps.html
TRANSLATIONS["Rencana aksi"] = "Action plans"
TRANSLATIONS["Petugas instansi (laporan RAD)"] = "Agency officer (RAD progress)"
# issue 11: fuzzed forms, error pages
TRANSLATIONS.update({
    'Satu sub gugus tugas terkirim dua kali. Muat ulang halaman.': 'One sub task force was sent twice. Reload the page.',
    'Nama sub gugus tugas paling panjang %(n)s karakter per baris.': 'A sub task force name may have at most %(n)s characters per line.',
    'Berkas PDF dilindungi kata sandi. Unggah pindaian tanpa kata sandi.': 'The PDF is password-protected. Upload a scan without a password.',
    'Permintaan tidak valid': 'Bad request',
    'Permintaan ini tidak dapat diproses. Muat ulang halaman lalu coba lagi.': 'This request cannot be processed. Reload the page and try again.',
    'Kembali ke beranda': 'Back to the home page',
    'Akses ditolak': 'Access denied',
    'Peran Anda di gugus tugas ini tidak mencakup halaman atau tindakan ini. Hubungi admin sekretariat bila Anda memerlukannya.': 'Your role in this task force does not cover this page or action. Ask the secretariat admin if you need it.',
    'Halaman tidak ditemukan': 'Page not found',
    'Halaman atau data yang Anda cari tidak ada, sudah dihapus, atau bukan milik gugus tugas Anda.': 'The page or record you are looking for does not exist, was deleted, or does not belong to your task force.',
    'Terjadi kesalahan di server': 'Server error',
    'Permintaan Anda tidak selesai dan tidak ada data yang berubah. Kesalahan ini sudah dicatat; coba lagi beberapa saat lagi. Bila terus terjadi, hubungi admin sekretariat.': 'Your request did not complete and no data was changed. The error has been logged; try again in a moment. If it keeps happening, contact the secretariat admin.',
    'Formulir kedaluwarsa': 'Form expired',
    'Formulir ini tidak dapat dikirim karena halamannya sudah terlalu lama terbuka atau sesi Anda berakhir. Muat ulang halaman, isi lagi, lalu kirim.': 'This form cannot be sent because the page was open too long or your session ended. Reload the page, fill it in again and send it.',
    # i14-sk-a11y: SK dates and issuers
    "akan berlaku": "coming into force",
    "SK gugus tugas %(level)s ditetapkan oleh %(names)s, bukan %(issuer)s.":
        "The decree of a %(level)s task force is issued by %(names)s, not %(issuer)s.",
})

# i14: the home inbox, email notifications, onboarding, language
TRANSLATIONS.update({
    "%(n)s hal menunggu Anda": ("%(n)s item waiting for you", "%(n)s items waiting for you"),
    "menunggu Anda:": "waiting for you:",
    "Yang menunggu Anda": "Waiting for you",
    "Tidak ada yang menunggu Anda saat ini.": "Nothing is waiting for you at the moment.",
    "%(n)s kasus dikembalikan kepada Anda": ("%(n)s case returned to you",
                                            "%(n)s cases returned to you"),
    "Perbaiki sesuai alasan verifikator, lalu kirim lagi untuk verifikasi.":
        "Correct it as the verifier asks, then send it for verification again.",
    "%(n)s kasus menunggu verifikasi Anda": ("%(n)s case waiting for your verification",
                                            "%(n)s cases waiting for your verification"),
    "dikirim %(when)s": "sent %(when)s",
    "Semua kasus yang menunggu verifikasi": "All cases waiting for verification",
    "%(n)s rujukan menunggu jawaban gugus tugas ini": (
        "%(n)s referral waiting for this task force's answer",
        "%(n)s referrals waiting for this task force's answer"),
    "dari %(sender)s, %(when)s": "from %(sender)s, %(when)s",
    "Jawab rujukan": "Answer referrals",
    "SK sudah berakhir": "The decree has expired",
    "SK berakhir dalam %(days)s hari": ("The decree expires in %(days)s day",
                                        "The decree expires in %(days)s days"),
    "%(n)s rekomendasi jatuh tempo": ("%(n)s recommendation due", "%(n)s recommendations due"),
    "%(n)s terlambat": ("%(n)s overdue", "%(n)s overdue"),
    "tenggat %(due)s": "due %(due)s",
    "%(n)s kegiatan RAD belum dilaporkan untuk %(period)s": (
        "%(n)s RAD activity not yet reported for %(period)s",
        "%(n)s RAD activities not yet reported for %(period)s"),
    "Laporkan kemajuan": "Report progress",
    "Segera, satu email per kejadian": "At once, one email per event",
    "Ringkasan harian, satu email per hari": "A daily digest, one email a day",
    "Tidak usah dikirimi email": "No email",
    "bahasa": "language",
    "email pemberitahuan": "email notifications",
    "Kasus dikembalikan, rujukan masuk, rujukan diterima atau ditolak.":
        "Cases returned, referrals received, referrals accepted or declined.",
    "Kasus %(number)s dikembalikan": "Case %(number)s returned",
    "verifikator": "the verifier",
    "Kasus %(number)s di %(tf)s dikembalikan oleh %(who)s untuk diperbaiki.\n\nAlasan: %(reason)s\n\nPerbaiki lalu kirim lagi untuk verifikasi: %(link)s":
        "Case %(number)s at %(tf)s was returned by %(who)s for correction.\n\nReason: %(reason)s\n\nCorrect it and send it for verification again: %(link)s",
    "Rujukan kasus masuk dari %(sender)s": "Case referral received from %(sender)s",
    "%(sender)s merujuk kasus %(number)s kepada %(tf)s.\n\nAlasan rujukan: %(reason)s\n\nTerima atau tolak rujukan ini: %(link)s":
        "%(sender)s referred case %(number)s to %(tf)s.\n\nReason for the referral: %(reason)s\n\nAccept or decline it: %(link)s",
    "Rujukan kasus %(number)s diterima": "Referral of case %(number)s accepted",
    "%(tf)s menerima rujukan kasus %(number)s.\n\n%(link)s":
        "%(tf)s accepted the referral of case %(number)s.\n\n%(link)s",
    "Rujukan kasus %(number)s ditolak": "Referral of case %(number)s declined",
    "%(tf)s menolak rujukan kasus %(number)s.\n\nAlasan: %(note)s\n\n%(link)s":
        "%(tf)s declined the referral of case %(number)s.\n\nReason: %(note)s\n\n%(link)s",
    "Ringkasan GT PP-TPPO: %(n)s pemberitahuan": "GT PP-TPPO digest: %(n)s notifications",
    "Yang terjadi sejak ringkasan terakhir:": "What happened since the last digest:",
    "Ubah pilihan email di profil Anda: %(link)s": "Change your email choice in your profile: %(link)s",
    "Mengapa verifikasi dua langkah?": "Why two-step verification?",
    "Aplikasi ini menyimpan nama, NIK, kontak dan kronologi korban perdagangan orang. Bila kata sandi Anda bocor atau tertebak, orang lain bisa membaca data itu dan membahayakan korban. Dengan verifikasi dua langkah, selain kata sandi Anda juga memasukkan kode 6 angka dari aplikasi autentikator di ponsel Anda (misalnya Google Authenticator, Microsoft Authenticator atau FreeOTP); tanpa ponsel itu, kata sandi saja tidak cukup untuk masuk.":
        "This application holds the names, NIK, contacts and accounts of trafficking victims. If your password leaks or is guessed, others could read them and put victims in danger. With two-step verification you enter, besides your password, a 6-digit code from an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or FreeOTP); without that phone, the password alone does not let anyone in.",
    "Langkahnya: pasang aplikasi autentikator di ponsel, pindai kode QR di bawah, lalu ketik kode 6 angka yang muncul di aplikasi. Sesudahnya Anda mendapat kode pemulihan: simpan di tempat aman, untuk masuk bila ponsel hilang.":
        "The steps: install an authenticator app on your phone, scan the QR code below, then type the 6-digit code the app shows. You then get recovery codes: keep them somewhere safe, to log in if the phone is lost.",
    "Simpan kode pemulihan ini (unduh atau cetak) di tempat yang aman, terpisah dari ponsel Anda. Setiap kode hanya dapat dipakai sekali untuk masuk bila ponsel Anda hilang.":
        "Keep these recovery codes (download or print them) somewhere safe, away from your phone. Each code can be used once to log in if your phone is lost.",
    "Lanjut ke gugus tugas saya": "On to my task force",
    "— pilih —": "— choose —",
})
# allauth's own texts in the overridden mfa templates (English already)
TRANSLATIONS.update({t: t for t in (
    "Recovery Codes", "Unused codes", "Download codes", "Generate new codes",
    "I have saved my recovery codes", "Activate Authenticator App", "Authenticator secret",
    "To protect your account with two-factor authentication, scan the QR code below with your authenticator app. Then, input the verification code generated by the app below.",
    "You can store this secret and use it to reinstall your authenticator app at a later time.",
    "Activate")})
TRANSLATIONS["There is %(unused_count)s out of %(total_count)s recovery codes available."] = (
    "There is %(unused_count)s out of %(total_count)s recovery codes available.",
    "There are %(unused_count)s out of %(total_count)s recovery codes available.")
TRANSLATIONS.update({"Pemantauan": "Monitoring"})  # the nav link of a province and the nation
TRANSLATIONS.update({  # the home inbox: an SK about to begin
    "SK baru akan berlaku mulai %(start)s": "A new decree comes into force on %(start)s",
    "periode %(period)s": "period %(period)s",
    "Sampai hari itu SK %(number)s tetap berlaku.": "Until that day decree %(number)s stays in force.",
})
