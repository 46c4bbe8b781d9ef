import { type CounterScheduleDay, MAKLUMAT_TEMPLATE, type MaklumatInput, type OpeningHours, type ServiceStandardDetails } from '@loket/domain';

/** A Mal Pelayanan Publik style demo office: what a newcomer sees on first start. */
export const DEMO_OFFICE = {
  slug: 'mpp-kota-harapan',
  name: 'Mal Pelayanan Publik Kota Harapan',
  timeZone: 'Asia/Jakarta',
  // A made-up street in the made-up town: the slip prints the address, the report signs in the city.
  address: 'Jl. Merdeka No. 1, Kota Harapan 40111',
  city: 'Kota Harapan',
};

/** The demo office's one paired kiosk. */
export const DEMO_KIOSK = { name: 'Kios demo' };

/** Monday to Friday 08:00–15:00, the hours of most Dukcapil and MPP counters. */
export const DEMO_HOURS: OpeningHours[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00' }));

/**
 * The counters keep the office's hours with the ishoma as a planned break: 12:00–13:00, and
 * on Friday 11:30–13:00 for the Friday prayer (the forecast and the punctuality measures see it).
 */
export const DEMO_COUNTER_SCHEDULE: CounterScheduleDay[] = DEMO_HOURS.map((hours) => ({
  ...hours,
  breaks: [hours.weekday === 5 ? { from: '11:30', to: '13:00' } : { from: '12:00', to: '13:00' }],
}));

/** The law every population-administration service of the demo stands on (dasar hukum). */
const ADMINDUK_LAW = [
  'Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan sebagaimana telah diubah dengan Undang-Undang Nomor 24 Tahun 2013',
  'Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik',
  'Peraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil',
];

/** The management components the demo's services share; each service adds its own steps, product and law. */
const SHARED_MANAGEMENT = {
  complaintHandling:
    'Sampaikan pengaduan, saran atau masukan di loket Pengaduan & Informasi (loket 5), dari halaman tiket di ponsel, di halaman pengaduan kantor, atau melalui SP4N-LAPOR! (www.lapor.go.id). Setiap pengaduan ditanggapi paling lambat 5 hari kerja; statusnya dapat dilihat dengan kode pengaduan.',
  facilities:
    'Ruang tunggu ber-AC dengan 120 kursi, kios antrean dan layar panggilan, loket prioritas, kursi roda, jalur pemandu, toilet disabilitas, ruang laktasi, ruang bermain anak, tempat parkir.',
  competence:
    'Pendidikan minimal SMA/sederajat; memahami peraturan administrasi kependudukan; terlatih mengoperasikan SIAK; menerapkan etiket pelayanan (senyum, salam, sapa, sopan, santun).',
  internalSupervision:
    'Pengawasan melekat oleh atasan langsung dan Kepala Dinas; pengawasan fungsional oleh Inspektorat Kota Harapan; pemantauan waktu tunggu dan waktu layanan setiap hari melalui Loket.',
  serviceGuarantee:
    'Pelayanan diberikan sesuai standar pelayanan ini oleh petugas yang kompeten, tanpa pungutan di luar ketentuan. Apabila tidak sesuai, masyarakat dapat menyampaikan pengaduan.',
  safetyGuarantee:
    'Data pribadi pemohon dijaga kerahasiaannya; dokumen asli dikembalikan di loket yang sama; ruang pelayanan dilengkapi CCTV, APAR dan jalur evakuasi.',
  performanceEvaluation:
    'Evaluasi kinerja pelaksana setiap triwulan atas capaian waktu tunggu, waktu layanan dan etiket pelayanan, dan Survei Kepuasan Masyarakat setiap semester; hasilnya diumumkan di ruang tunggu.',
};

const TAKE_A_TICKET = 'Ambil nomor antrean di kios dan pilih layanan';
const WAIT_FOR_THE_CALL = 'Tunggu nomor dipanggil, lalu menuju loket yang disebutkan';

function standardOf(own: Pick<ServiceStandardDetails, 'procedure' | 'product' | 'executorCount'> & { law: string[] }): ServiceStandardDetails {
  return { ...SHARED_MANAGEMENT, procedure: own.procedure, product: own.product, executorCount: own.executorCount, legalBasis: [...ADMINDUK_LAW, ...own.law] };
}

export const DEMO_SERVICES = [
  {
    code: 'A',
    name: 'Perekaman & Pencetakan KTP-el',
    maxWaitMinutes: 30,
    serviceTimeMinutes: 10,
    costRupiah: 0,
    requirements: [
      'Kartu Keluarga (asli atau fotokopi)',
      'Telah berusia 17 tahun, sudah kawin atau pernah kawin',
      'KTP-el lama, bila rusak atau ada perubahan data',
      'Surat keterangan kehilangan dari kepolisian, bila KTP-el hilang',
    ],
    completionTime: 'Selesai di hari yang sama',
    dailyQuota: 300,
    ...standardOf({
      procedure: [
        TAKE_A_TICKET,
        WAIT_FOR_THE_CALL,
        'Serahkan persyaratan kepada petugas untuk diperiksa',
        'Perekaman foto, sidik jari, iris mata dan tanda tangan',
        'Tunggu pencetakan KTP-el di ruang tunggu',
        'Terima KTP-el dan periksa kebenaran datanya',
      ],
      product: 'Kartu Tanda Penduduk elektronik (KTP-el)',
      executorCount: 4,
      law: ['Peraturan Menteri Dalam Negeri Nomor 7 Tahun 2019 tentang Pelayanan Administrasi Kependudukan Secara Daring'],
    }),
  },
  {
    code: 'B',
    name: 'Kartu Keluarga',
    maxWaitMinutes: 45,
    serviceTimeMinutes: 15,
    costRupiah: 0,
    requirements: [
      'Formulir F-1.01 (tersedia di loket)',
      'Kartu Keluarga lama',
      'Buku nikah / akta perkawinan, untuk keluarga baru',
      'Surat keterangan pindah, untuk pendatang',
    ],
    completionTime: '1 hari kerja',
    dailyQuota: null,
    ...standardOf({
      procedure: [
        TAKE_A_TICKET,
        WAIT_FOR_THE_CALL,
        'Serahkan formulir F-1.01 dan persyaratan untuk diperiksa',
        'Petugas memperbarui data keluarga di SIAK',
        'Kartu Keluarga ditandatangani secara elektronik oleh Kepala Dinas',
        'Terima Kartu Keluarga tercetak atau melalui surel',
      ],
      product: 'Kartu Keluarga baru atau yang diperbarui (bertanda tangan elektronik)',
      executorCount: 3,
      law: ['Peraturan Menteri Dalam Negeri Nomor 108 Tahun 2019'],
    }),
  },
  {
    code: 'C',
    name: 'Akta Kelahiran & Kematian',
    maxWaitMinutes: 45,
    serviceTimeMinutes: 12,
    costRupiah: 0,
    requirements: [
      'Surat keterangan lahir dari rumah sakit/bidan, atau surat keterangan kematian',
      'Kartu Keluarga',
      'KTP-el 2 orang saksi',
      'Buku nikah / akta perkawinan orang tua, untuk akta kelahiran',
    ],
    completionTime: '1 hari kerja',
    dailyQuota: null,
    ...standardOf({
      procedure: [
        TAKE_A_TICKET,
        WAIT_FOR_THE_CALL,
        'Serahkan surat keterangan dan persyaratan untuk diperiksa',
        'Petugas mencatat kelahiran atau kematian di register akta',
        'Terima kutipan akta dan periksa kebenaran datanya',
      ],
      product: 'Kutipan Akta Kelahiran atau Kutipan Akta Kematian',
      executorCount: 2,
      law: ['Peraturan Menteri Dalam Negeri Nomor 9 Tahun 2016 tentang Percepatan Peningkatan Cakupan Kepemilikan Akta Kelahiran'],
    }),
  },
  {
    code: 'D',
    name: 'Surat Pindah & Datang',
    maxWaitMinutes: 60,
    serviceTimeMinutes: 20,
    costRupiah: 0,
    requirements: ['Kartu Keluarga', 'KTP-el', 'Surat pengantar RT/RW', 'Formulir F-1.03 (tersedia di loket)'],
    completionTime: '1 hari kerja',
    dailyQuota: 80,
    ...standardOf({
      procedure: [
        TAKE_A_TICKET,
        WAIT_FOR_THE_CALL,
        'Serahkan formulir F-1.03 dan persyaratan untuk diperiksa',
        'Petugas menerbitkan surat pindah atau mencatat kedatangan di SIAK',
        'Terima SKPWNI, dan Kartu Keluarga baru bagi pendatang',
      ],
      product: 'Surat Keterangan Pindah WNI (SKPWNI); Kartu Keluarga dan KTP-el baru bagi pendatang',
      executorCount: 2,
      law: [],
    }),
  },
  {
    code: 'PL',
    name: 'Pengaduan & Informasi',
    maxWaitMinutes: 20,
    serviceTimeMinutes: 8,
    costRupiah: 0,
    requirements: ['Tidak ada persyaratan'],
    completionTime: 'Langsung',
    dailyQuota: null,
    ...standardOf({
      procedure: [
        'Ambil nomor antrean di kios dan pilih Pengaduan & Informasi',
        WAIT_FOR_THE_CALL,
        'Sampaikan pertanyaan, pengaduan, saran atau masukan kepada petugas',
        'Petugas mencatat pengaduan di Loket dan memberi kode pengaduan (PGD-…) untuk melihat status dan jawabannya',
        'Terima jawaban langsung, atau kabar tindak lanjut paling lambat 5 hari kerja',
      ],
      product: 'Informasi pelayanan, atau tanggapan atas pengaduan',
      executorCount: 1,
      law: ['Peraturan Presiden Nomor 76 Tahun 2013 tentang Pengelolaan Pengaduan Pelayanan Publik'],
    }),
  },
];

/** The demo office's maklumat pelayanan, version 1, in the regulation's example wording. */
export const DEMO_MAKLUMAT: MaklumatInput = {
  text: MAKLUMAT_TEMPLATE,
  signerName: 'Drs. Hendra Gunawan, M.Si.',
  signerPosition: 'Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Harapan',
  signedOn: '2025-01-02',
};

/** Six counters; loket 6 is the priority counter (loket khusus) and serves every service. */
export const DEMO_COUNTERS = [
  { number: 1, name: 'Loket 1', services: ['A'], priorityOnly: false },
  { number: 2, name: 'Loket 2', services: ['A', 'B'], priorityOnly: false },
  { number: 3, name: 'Loket 3', services: ['B', 'C'], priorityOnly: false },
  { number: 4, name: 'Loket 4', services: ['C', 'D'], priorityOnly: false },
  { number: 5, name: 'Loket 5', services: ['PL', 'D'], priorityOnly: false },
  { number: 6, name: 'Loket 6 (Prioritas)', services: ['A', 'B', 'C', 'D', 'PL'], priorityOnly: true },
];

export const DEMO_STAFF = [
  { username: 'admin', name: 'Rina Wulandari', nip: '198203152006042001', role: 'admin' as const },
  { username: 'supervisor', name: 'Bambang Setiawan', nip: '197911082005011003', role: 'supervisor' as const },
  { username: 'petugas1', name: 'Siti Nurhaliza', nip: '199001232015032002', role: 'officer' as const },
  { username: 'petugas2', name: 'Agus Prasetyo', nip: '198807142014021001', role: 'officer' as const },
  { username: 'petugas3', name: 'Dewi Lestari', nip: '199205302017032004', role: 'officer' as const },
  { username: 'petugas4', name: 'Yohanes Manurung', nip: '198512192011011002', role: 'officer' as const },
  { username: 'petugas5', name: 'Ni Made Ayu', nip: '199310012019032001', role: 'officer' as const },
  { username: 'petugas6', name: 'Muhammad Rizki', nip: '199108172016021003', role: 'officer' as const },
];
