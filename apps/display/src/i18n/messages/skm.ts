import type { SkmAgeBand, SkmEducation, SkmGender, SkmOccupation } from '@loket/domain';

/** The optional part of the SKM questionnaire (PermenPANRB 14/2017): the respondent profile and the suggestion. */
export const skmId = {
  profileHeading: 'Tentang Anda (tidak wajib)',
  profileHint: 'Membantu kantor membaca hasil survei. Jawaban tetap tanpa nama.',
  notSaying: 'Tidak diisi',
  gender: 'Jenis kelamin',
  genders: { laki_laki: 'Laki-laki', perempuan: 'Perempuan' } satisfies Record<SkmGender, string>,
  age: 'Usia',
  ages: {
    lt20: 'Di bawah 20 tahun',
    '20_29': '20–29 tahun',
    '30_39': '30–39 tahun',
    '40_49': '40–49 tahun',
    '50_59': '50–59 tahun',
    gte60: '60 tahun ke atas',
  } satisfies Record<SkmAgeBand, string>,
  education: 'Pendidikan terakhir',
  educations: {
    sd: 'SD',
    smp: 'SMP',
    sma: 'SMA',
    d1_d3: 'D1–D3',
    s1: 'S1/D4',
    s2: 'S2',
    s3: 'S3',
  } satisfies Record<SkmEducation, string>,
  occupation: 'Pekerjaan utama',
  occupations: {
    pns: 'PNS',
    tni: 'TNI',
    polri: 'POLRI',
    swasta: 'Swasta',
    wirausaha: 'Wirausaha',
    lainnya: 'Lainnya',
  } satisfies Record<SkmOccupation, string>,
  suggestion: 'Saran dan masukan (tidak wajib)',
  suggestionHint: 'Paling banyak {max} karakter. Untuk pengaduan yang perlu dijawab, gunakan halaman pengaduan.',
};

export const skmEn: typeof skmId = {
  profileHeading: 'About you (optional)',
  profileHint: 'Helps the office read the survey’s results. Your answers stay anonymous.',
  notSaying: 'Not given',
  gender: 'Sex',
  genders: { laki_laki: 'Male', perempuan: 'Female' },
  age: 'Age',
  ages: { lt20: 'Under 20', '20_29': '20–29', '30_39': '30–39', '40_49': '40–49', '50_59': '50–59', gte60: '60 or over' },
  education: 'Education',
  educations: {
    sd: 'Primary',
    smp: 'Junior secondary',
    sma: 'Senior secondary',
    d1_d3: 'Diploma (D1–D3)',
    s1: 'Bachelor’s or D4',
    s2: 'Master’s',
    s3: 'Doctorate',
  },
  occupation: 'Main occupation',
  occupations: { pns: 'Civil servant', tni: 'Armed forces', polri: 'Police', swasta: 'Private employee', wirausaha: 'Self-employed', lainnya: 'Other' },
  suggestion: 'Suggestions (optional)',
  suggestionHint: 'At most {max} characters. For a complaint that needs an answer, use the complaint page.',
};
