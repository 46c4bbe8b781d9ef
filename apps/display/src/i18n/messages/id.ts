// Indonesian is the default language; en.ts must have exactly the same keys (its type is this one).
export const id = {
  language: {
    name: 'Bahasa Indonesia',
    switchLabel: 'Bahasa',
  },
  shell: {
    brand: 'Loket',
    home: 'Beranda Loket',
    skipToContent: 'Langsung ke isi halaman',
  },
  landing: {
    title: 'Loket',
    lead: 'Antrean dan etiket pelayanan untuk kantor pelayanan publik: ambil nomor di kios, pantau panggilan di papan, dan ukur ketepatan waktu setiap pelayanan.',
    screensLabel: 'Semua layar',
    forCitizens: 'Untuk warga',
    forStaff: 'Untuk petugas',
    forDevelopers: 'Untuk pengembang',
    screens: {
      kiosk: { name: 'Kios', description: 'Ambil nomor antrean: pilih layanan dan nyatakan bila perlu pelayanan khusus.' },
      board: { name: 'Papan antrean', description: 'Layar ruang tunggu: nomor yang sedang dilayani di tiap loket dan perkiraan waktu tunggu.' },
      counter: { name: 'Petugas loket', description: 'Panggil, layani, dan catat etiket setiap pelayanan.' },
      supervisor: { name: 'Supervisor', description: 'Ketepatan waktu, etiket, peringatan, dan indeks kepuasan secara langsung.' },
      admin: { name: 'Admin', description: 'Kantor, layanan dan standarnya, loket, jadwal, dan akun petugas.' },
      apiDocs: { name: 'Dokumentasi API', description: 'Referensi REST API (OpenAPI) untuk integrasi.' },
    },
  },
  kiosk: {
    title: 'Ambil nomor antrean',
    placeholder: 'Di layar ini warga akan memilih layanan, menyatakan bila memerlukan pelayanan khusus, lalu menerima tiket bernomor dengan kode QR.',
  },
  board: {
    title: 'Papan antrean',
    placeholder: 'Layar ini akan menampilkan nomor yang sedang dilayani di tiap loket, panggilan terbaru dengan suara, jumlah yang menunggu, perkiraan waktu tunggu, dan standar pelayanan.',
    officeLabel: 'Kantor',
    sequenceLabel: 'Nomor urut peristiwa',
    waitingLabel: 'Menunggu',
    countersLabel: 'Loket',
    noOffice: 'Belum ada kantor yang terdaftar.',
    loadFailed: 'Daftar kantor tidak dapat dimuat. Halaman akan mencoba lagi.',
    status: {
      idle: 'Menyiapkan…',
      connecting: 'Menghubungkan…',
      live: 'Terhubung',
      offline: 'Terputus, mencoba menghubungkan kembali…',
      failed: 'Kantor tidak dapat dimuat',
    },
  },
  ticket: {
    title: 'Tiket antrean Anda',
    trackingCode: 'Kode pelacakan: {code}',
    placeholder: 'Halaman ini akan menampilkan posisi Anda dalam antrean, perkiraan waktu tunggu, loket yang memanggil Anda, lalu survei kepuasan setelah selesai dilayani.',
  },
  notFound: {
    title: 'Halaman tidak ditemukan',
    body: 'Alamat yang Anda buka tidak ada.',
    back: 'Kembali ke beranda',
  },
};

export type DisplayMessages = typeof id;
