import type { OpeningHours } from '@loket/domain';

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

const weekdays = (opens: string, closes: string, friday: string): OpeningHours[] => [
  ...[1, 2, 3, 4].map((weekday) => ({ weekday, opens, closes })),
  { weekday: 5, opens, closes: friday },
];

export const DEMO_HOURS = weekdays('08:00', '15:00', '11:30');

export const DEMO_SERVICES = [
  {
    code: 'A',
    name: 'Perekaman & Pencetakan KTP-el',
    maxWaitMinutes: 30,
    serviceTimeMinutes: 10,
    costRupiah: 0,
    requirements: ['Fotokopi Kartu Keluarga', 'Surat pengantar RT/RW (untuk perekaman baru)'],
    completionTime: 'Selesai di hari yang sama',
    dailyQuota: 300,
  },
  {
    code: 'B',
    name: 'Kartu Keluarga',
    maxWaitMinutes: 45,
    serviceTimeMinutes: 15,
    costRupiah: 0,
    requirements: ['Formulir F-1.01', 'Kartu Keluarga lama', 'Buku nikah / akta perkawinan'],
    completionTime: '1 hari kerja',
    dailyQuota: null,
  },
  {
    code: 'C',
    name: 'Akta Kelahiran & Kematian',
    maxWaitMinutes: 45,
    serviceTimeMinutes: 12,
    costRupiah: 0,
    requirements: ['Surat keterangan lahir / kematian', 'Kartu Keluarga', 'KTP-el saksi (2 orang)'],
    completionTime: '1 hari kerja',
    dailyQuota: null,
  },
  {
    code: 'D',
    name: 'Surat Pindah & Datang',
    maxWaitMinutes: 60,
    serviceTimeMinutes: 20,
    costRupiah: 0,
    requirements: ['Kartu Keluarga', 'KTP-el', 'Surat pengantar RT/RW'],
    completionTime: '1 hari kerja',
    dailyQuota: 80,
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
  },
];

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
