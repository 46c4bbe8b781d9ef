// Indonesian is the default language; en.ts must have exactly the same keys (its type is this one).
export const id = {
  language: {
    name: 'Bahasa Indonesia',
    switchLabel: 'Bahasa',
  },
  shell: {
    brand: 'Loket',
    area: 'Petugas',
    skipToContent: 'Langsung ke isi halaman',
    navLabel: 'Menu petugas',
    publicScreens: 'Layar publik',
  },
  nav: {
    officer: 'Loket',
    supervisor: 'Supervisor',
    admin: 'Admin',
  },
  roles: {
    label: 'Untuk peran: {roles}',
    officer: 'Petugas loket',
    supervisor: 'Supervisor',
    admin: 'Admin',
  },
  officer: {
    title: 'Petugas loket',
    placeholder: 'Di layar ini petugas akan membuka loket dengan daftar periksa awal shift, memanggil nomor berikutnya, memanggil ulang, memulai dan menyelesaikan pelayanan dengan daftar periksa etiket, mencatat yang tidak hadir, mengalihkan layanan, dan menjeda loket untuk istirahat, semuanya bisa dengan papan ketik.',
  },
  supervisor: {
    title: 'Dasbor supervisor',
    placeholder: 'Di layar ini supervisor akan memantau ketepatan waktu dan etiket secara langsung per layanan, loket, dan petugas, menerima peringatan, mengisi observasi, serta melihat laporan dan Indeks Kepuasan Masyarakat (IKM).',
  },
  admin: {
    title: 'Administrasi',
    placeholder: 'Di layar ini admin akan mengelola kantor, layanan beserta standar pelayanannya, loket dan jadwalnya, akun petugas, serta templat daftar periksa etiket.',
  },
  notFound: {
    title: 'Halaman tidak ditemukan',
    body: 'Alamat yang Anda buka tidak ada.',
    back: 'Kembali ke layar petugas',
  },
};

export type CounterMessages = typeof id;
