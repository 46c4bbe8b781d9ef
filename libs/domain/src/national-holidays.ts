/**
 * Indonesia's national holidays (hari libur nasional) and collective leave days (cuti bersama),
 * as data shipped with the product: never fetched at run time.
 *
 * Source, 2026: Surat Keputusan Bersama Menteri Agama, Menteri Ketenagakerjaan dan Menteri
 * Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 1497 Tahun 2025, Nomor 2 Tahun
 * 2025, Nomor 5 Tahun 2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026, announced
 * by the Menko PMK on 19 September 2025: 17 national holidays and 8 cuti bersama days.
 * Transcribed from the decree's list as reported by several independent publications
 * (Kemenko PMK announcement coverage, e.g. okezone.com 2026-01-05, garuda.tv,
 * matamaluku.com, disdiksmg.semarangkota.go.id), which agree date for date.
 *
 * Source, 2027: Surat Keputusan Bersama Menteri Agama, Menteri Ketenagakerjaan dan Menteri
 * Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 1205 Tahun 2026, Nomor 3 Tahun
 * 2026, Nomor 2 Tahun 2026 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2027, signed
 * 15 September 2026: 18 national holidays and 8 cuti bersama days. The decree's lists are
 * published by Sekretariat Negara
 * (setneg.go.id/baca/index/inilah_skb_3_menteri_libur_nasional_dan_cuti_bersama_2027) and
 * Kemenko PMK (kemenkopmk.go.id/pemerintah-tetapkan-18-hari-libur-nasional-dan-8-cuti-bersama-tahun-2027).
 * This machine cannot open those pages: the dates were transcribed from two independent public
 * transcriptions that cite them and agree date for date, and checked against the weekdays the
 * decree gives (9, 12 and 15 March: Selasa, Jumat, Senin). The decree leaves the final dates
 * of Idulfitri and Iduladha 1448 H to the Minister of Religion's isbat: should they move, an
 * office marks the day open and adds its own (admin, "Kalender").
 *
 * A later year is never guessed: until its decree is added here, an office adds its days itself.
 */
export type NationalHolidayKind = 'national_holiday' | 'cuti_bersama';

export interface NationalHoliday {
  /** Office-local calendar day, `YYYY-MM-DD`. */
  day: string;
  kind: NationalHolidayKind;
  /** The decree's own name for it, in Indonesian. */
  name: string;
}

export interface HolidaySource {
  year: number;
  decree: string;
  announced: string;
}

export const NATIONAL_HOLIDAY_SOURCES: readonly HolidaySource[] = [
  {
    year: 2026,
    decree: 'SKB Menteri Agama, Menteri Ketenagakerjaan, Menteri PANRB No. 1497 Tahun 2025, No. 2 Tahun 2025, No. 5 Tahun 2025',
    announced: '2025-09-19',
  },
  {
    year: 2027,
    decree: 'SKB Menteri Agama, Menteri Ketenagakerjaan, Menteri PANRB No. 1205 Tahun 2026, No. 3 Tahun 2026, No. 2 Tahun 2026',
    announced: '2026-09-15',
  },
];

/** The years this file covers; any other year has no national holiday on record here. */
export const NATIONAL_HOLIDAY_YEARS: readonly number[] = NATIONAL_HOLIDAY_SOURCES.map((source) => source.year);

export const NATIONAL_HOLIDAYS: readonly NationalHoliday[] = [
  // 2026, 17 hari libur nasional
  { day: '2026-01-01', kind: 'national_holiday', name: 'Tahun Baru 2026 Masehi' },
  { day: '2026-01-16', kind: 'national_holiday', name: 'Isra Mikraj Nabi Muhammad SAW' },
  { day: '2026-02-17', kind: 'national_holiday', name: 'Tahun Baru Imlek 2577 Kongzili' },
  { day: '2026-03-19', kind: 'national_holiday', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)' },
  { day: '2026-03-21', kind: 'national_holiday', name: 'Idulfitri 1447 Hijriah' },
  { day: '2026-03-22', kind: 'national_holiday', name: 'Idulfitri 1447 Hijriah' },
  { day: '2026-04-03', kind: 'national_holiday', name: 'Wafat Yesus Kristus' },
  { day: '2026-04-05', kind: 'national_holiday', name: 'Kebangkitan Yesus Kristus (Paskah)' },
  { day: '2026-05-01', kind: 'national_holiday', name: 'Hari Buruh Internasional' },
  { day: '2026-05-14', kind: 'national_holiday', name: 'Kenaikan Yesus Kristus' },
  { day: '2026-05-27', kind: 'national_holiday', name: 'Iduladha 1447 Hijriah' },
  { day: '2026-05-31', kind: 'national_holiday', name: 'Hari Raya Waisak 2570 BE' },
  { day: '2026-06-01', kind: 'national_holiday', name: 'Hari Lahir Pancasila' },
  { day: '2026-06-16', kind: 'national_holiday', name: '1 Muharam Tahun Baru Islam 1448 Hijriah' },
  { day: '2026-08-17', kind: 'national_holiday', name: 'Proklamasi Kemerdekaan' },
  { day: '2026-08-25', kind: 'national_holiday', name: 'Maulid Nabi Muhammad SAW' },
  { day: '2026-12-25', kind: 'national_holiday', name: 'Kelahiran Yesus Kristus' },
  // 2026, 8 hari cuti bersama
  { day: '2026-02-16', kind: 'cuti_bersama', name: 'Cuti bersama Tahun Baru Imlek 2577 Kongzili' },
  { day: '2026-03-18', kind: 'cuti_bersama', name: 'Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1948)' },
  { day: '2026-03-20', kind: 'cuti_bersama', name: 'Cuti bersama Idulfitri 1447 Hijriah' },
  { day: '2026-03-23', kind: 'cuti_bersama', name: 'Cuti bersama Idulfitri 1447 Hijriah' },
  { day: '2026-03-24', kind: 'cuti_bersama', name: 'Cuti bersama Idulfitri 1447 Hijriah' },
  { day: '2026-05-15', kind: 'cuti_bersama', name: 'Cuti bersama Kenaikan Yesus Kristus' },
  { day: '2026-05-28', kind: 'cuti_bersama', name: 'Cuti bersama Iduladha 1447 Hijriah' },
  { day: '2026-12-24', kind: 'cuti_bersama', name: 'Cuti bersama Kelahiran Yesus Kristus' },
  // 2027, 18 hari libur nasional
  { day: '2027-01-01', kind: 'national_holiday', name: 'Tahun Baru 2027 Masehi' },
  { day: '2027-01-05', kind: 'national_holiday', name: 'Isra Mikraj Nabi Muhammad SAW' },
  { day: '2027-02-06', kind: 'national_holiday', name: 'Tahun Baru Imlek 2578 Kongzili' },
  { day: '2027-03-08', kind: 'national_holiday', name: 'Hari Suci Nyepi (Tahun Baru Saka 1949)' },
  { day: '2027-03-10', kind: 'national_holiday', name: 'Idulfitri 1448 Hijriah' },
  { day: '2027-03-11', kind: 'national_holiday', name: 'Idulfitri 1448 Hijriah' },
  { day: '2027-03-26', kind: 'national_holiday', name: 'Wafat Yesus Kristus' },
  { day: '2027-03-28', kind: 'national_holiday', name: 'Kebangkitan Yesus Kristus (Paskah)' },
  { day: '2027-05-01', kind: 'national_holiday', name: 'Hari Buruh Internasional' },
  { day: '2027-05-06', kind: 'national_holiday', name: 'Kenaikan Yesus Kristus' },
  { day: '2027-05-17', kind: 'national_holiday', name: 'Iduladha 1448 Hijriah' },
  { day: '2027-05-20', kind: 'national_holiday', name: 'Hari Raya Waisak 2571 BE' },
  { day: '2027-06-01', kind: 'national_holiday', name: 'Hari Lahir Pancasila' },
  { day: '2027-06-06', kind: 'national_holiday', name: '1 Muharam Tahun Baru Islam 1449 Hijriah' },
  { day: '2027-08-15', kind: 'national_holiday', name: 'Maulid Nabi Muhammad SAW' },
  { day: '2027-08-17', kind: 'national_holiday', name: 'Proklamasi Kemerdekaan' },
  { day: '2027-12-25', kind: 'national_holiday', name: 'Kelahiran Yesus Kristus' },
  // Rajab 1449 begins in December 2027: the Hijri year's second Isra Mikraj within one Gregorian year.
  { day: '2027-12-26', kind: 'national_holiday', name: 'Isra Mikraj Nabi Muhammad SAW' },
  // 2027, 8 hari cuti bersama
  { day: '2027-02-05', kind: 'cuti_bersama', name: 'Cuti bersama Tahun Baru Imlek 2578 Kongzili' },
  { day: '2027-03-09', kind: 'cuti_bersama', name: 'Cuti bersama Idulfitri 1448 Hijriah' },
  { day: '2027-03-12', kind: 'cuti_bersama', name: 'Cuti bersama Idulfitri 1448 Hijriah' },
  { day: '2027-03-15', kind: 'cuti_bersama', name: 'Cuti bersama Idulfitri 1448 Hijriah' },
  { day: '2027-03-25', kind: 'cuti_bersama', name: 'Cuti bersama Wafat Yesus Kristus' },
  { day: '2027-05-18', kind: 'cuti_bersama', name: 'Cuti bersama Iduladha 1448 Hijriah' },
  { day: '2027-05-19', kind: 'cuti_bersama', name: 'Cuti bersama Hari Raya Waisak 2571 BE' },
  { day: '2027-12-24', kind: 'cuti_bersama', name: 'Cuti bersama Kelahiran Yesus Kristus' },
];

const byDay = new Map(NATIONAL_HOLIDAYS.map((holiday) => [holiday.day, holiday]));

/** The national holiday or cuti bersama on an office-local day, if any. */
export function nationalHolidayOn(day: string): NationalHoliday | null {
  return byDay.get(day) ?? null;
}
