import {
  EMPTY_STANDARD_DETAILS,
  type FullServiceStandard,
  MAKLUMAT_TEMPLATE,
  type MaklumatInput,
  STANDARD_LIMITS,
  maklumatProblems,
  missingComponents,
  nextMaklumatVersion,
  standardComponentValue,
  standardDetailsProblems,
} from './service-standard.js';

const complete: FullServiceStandard = {
  requirements: ['Kartu Keluarga asli'],
  completionTime: 'Selesai di hari yang sama',
  costRupiah: 0,
  maxWaitMinutes: 30,
  procedure: ['Ambil nomor antrean', 'Serahkan berkas di loket', 'Terima KTP-el'],
  product: 'KTP-el',
  complaintHandling: 'Loket pengaduan, SP4N-LAPOR!',
  legalBasis: ['UU 24/2013 tentang Administrasi Kependudukan'],
  facilities: 'Ruang tunggu ber-AC, kursi roda',
  competence: 'Pendidikan minimal SMA, pelatihan SIAK',
  internalSupervision: 'Kepala Dinas dan atasan langsung',
  executorCount: 4,
  serviceGuarantee: 'Pelayanan sesuai standar',
  safetyGuarantee: 'Data pemohon dijaga kerahasiaannya',
  performanceEvaluation: 'Evaluasi triwulanan dan SKM',
};

describe('standardDetailsProblems', () => {
  it('accepts empty details and a complete standard', () => {
    expect(standardDetailsProblems(EMPTY_STANDARD_DETAILS)).toEqual([]);
    expect(standardDetailsProblems(complete)).toEqual([]);
  });

  it('names an empty step, a repeated step (whatever its case) and an over-long legal basis by index', () => {
    const problems = standardDetailsProblems({
      ...EMPTY_STANDARD_DETAILS,
      procedure: ['Ambil nomor', '  ', 'ambil NOMOR'],
      legalBasis: ['x'.repeat(STANDARD_LIMITS.itemLength + 1)],
    });
    expect(problems.map((p) => p.field)).toEqual(['procedure.1', 'procedure.2', 'legalBasis.0']);
    expect(problems[1].problems[0]).toContain('repeats item 1');
  });

  it('refuses more steps than a poster holds, an over-long text and a jumlah pelaksana that is not a count', () => {
    const steps = Array.from({ length: STANDARD_LIMITS.procedureSteps + 1 }, (_, i) => `Langkah ${i + 1}`);
    const fields = (executorCount: number | null) =>
      standardDetailsProblems({ ...EMPTY_STANDARD_DETAILS, procedure: steps, product: 'p'.repeat(STANDARD_LIMITS.textLength + 1), executorCount }).map(
        (p) => p.field,
      );
    expect(fields(0)).toEqual(['procedure', 'product', 'executorCount']);
    expect(fields(2.5)).toContain('executorCount');
    expect(fields(null)).not.toContain('executorCount');
    expect(fields(STANDARD_LIMITS.executorCountMax)).not.toContain('executorCount');
  });
});

describe('missingComponents', () => {
  it('finds nothing missing in a complete standard, and a free service is not missing its cost', () => {
    expect(missingComponents(complete)).toEqual([]);
  });

  it('lists what a service created before issue 19 lacks, delivery components first, in the regulation’s order', () => {
    const old: FullServiceStandard = { ...EMPTY_STANDARD_DETAILS, requirements: [], completionTime: ' ', costRupiah: 0, maxWaitMinutes: 30 };
    expect(missingComponents(old)).toEqual([
      'requirements',
      'procedure',
      'completionTime',
      'product',
      'complaintHandling',
      'legalBasis',
      'facilities',
      'competence',
      'internalSupervision',
      'executorCount',
      'serviceGuarantee',
      'safetyGuarantee',
      'performanceEvaluation',
    ]);
  });
});

describe('standardComponentValue', () => {
  it('gives the steps as a numbered list, the other lists plain, the cost and executors as figures, the rest as text', () => {
    expect(standardComponentValue(complete, 'procedure')).toEqual({ kind: 'list', items: complete.procedure, ordered: true });
    expect(standardComponentValue(complete, 'requirements')).toEqual({ kind: 'list', items: complete.requirements, ordered: false });
    expect(standardComponentValue(complete, 'legalBasis')).toEqual({ kind: 'list', items: complete.legalBasis, ordered: false });
    expect(standardComponentValue({ ...complete, costRupiah: 50_000 }, 'cost')).toEqual({ kind: 'cost', rupiah: 50_000 });
    expect(standardComponentValue({ ...complete, executorCount: null }, 'executorCount')).toEqual({ kind: 'executors', count: null });
    expect(standardComponentValue(complete, 'product')).toEqual({ kind: 'text', text: 'KTP-el' });
    expect(standardComponentValue(complete, 'completionTime')).toEqual({ kind: 'text', text: complete.completionTime });
  });
});

describe('maklumatProblems', () => {
  const signed: MaklumatInput = { text: MAKLUMAT_TEMPLATE, signerName: 'Drs. Hendra Gunawan, M.Si', signerPosition: 'Kepala Dinas', signedOn: '2026-01-02' };

  it('accepts the regulation’s wording signed today or earlier', () => {
    expect(maklumatProblems(signed, '2026-01-02')).toEqual([]);
    expect(maklumatProblems(signed, '2026-12-05')).toEqual([]);
  });

  it('refuses a maklumat signed after the office’s today, before UU 25/2009, or on a day that does not exist', () => {
    const field = (signedOn: string, today = '2026-12-05') => maklumatProblems({ ...signed, signedOn }, today);
    expect(field('2026-12-06')[0].problems[0]).toContain('after today');
    expect(field('2009-07-17')[0].problems[0]).toContain('UU 25/2009');
    expect(field('2009-07-18')).toEqual([]);
    expect(field('2026-02-30')[0].field).toBe('signedOn');
    expect(field('5/12/2026')[0].field).toBe('signedOn');
  });

  it('names a short text, a blank signer and an over-long position, counting trimmed length', () => {
    const problems = maklumatProblems({ text: '  kami sanggup  ', signerName: '   ', signerPosition: 'k'.repeat(121), signedOn: '2026-01-02' }, '2026-12-05');
    expect(problems.map((p) => p.field)).toEqual(['text', 'signerName', 'signerPosition']);
  });
});

describe('nextMaklumatVersion', () => {
  it('starts at 1 and counts on from the latest', () => {
    expect(nextMaklumatVersion(null)).toBe(1);
    expect(nextMaklumatVersion(3)).toBe(4);
  });
});
