import {
  assertAgencyDeletable,
  assertMovable,
  KIOSK_SEARCH_FROM,
  kioskAgencies,
  kioskOffersSearch,
  kioskShowsAgencies,
  readableTextOn,
  searchKey,
  searchServices,
  topServicesOfDay,
  waitingByAgency,
} from './agencies.js';
import { agencyView, serviceView } from './testing/index.js';

const dukcapil = agencyView({ id: 'dukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', shortName: 'Dukcapil' });
const samsat = agencyView({ id: 'samsat', name: 'Sistem Administrasi Manunggal Satu Atap', shortName: 'Samsat' });

describe('deleting an agency', () => {
  it('is refused while it owns services, then counters, then confined staff, and for the office’s last agency', () => {
    expect(() => assertAgencyDeletable('Dukcapil', { services: 2, counters: 1, staff: 1, agenciesInOffice: 3 })).toThrow(
      expect.objectContaining({ code: 'agency_has_services', details: { services: 2 } }),
    );
    expect(() => assertAgencyDeletable('Dukcapil', { services: 0, counters: 1, staff: 1, agenciesInOffice: 3 })).toThrow(
      expect.objectContaining({ code: 'agency_has_counters' }),
    );
    expect(() => assertAgencyDeletable('Dukcapil', { services: 0, counters: 0, staff: 2, agenciesInOffice: 3 })).toThrow(
      expect.objectContaining({ code: 'agency_has_staff', details: { staff: 2 } }),
    );
    expect(() => assertAgencyDeletable('Dukcapil', { services: 0, counters: 0, staff: 0, agenciesInOffice: 1 })).toThrow(
      expect.objectContaining({ code: 'agency_last' }),
    );
  });

  it('is allowed for an empty agency beside others', () => {
    expect(() => assertAgencyDeletable('Dukcapil', { services: 0, counters: 0, staff: 0, agenciesInOffice: 2 })).not.toThrow();
  });
});

describe('moving a service or counter to another agency', () => {
  it('is refused with counter_open naming every open counter', () => {
    expect(() =>
      assertMovable('KTP-el', [
        { name: 'Loket 1', state: 'open' },
        { name: 'Loket 2', state: 'paused' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'counter_open', details: { counters: ['Loket 1', 'Loket 2'] } }));
  });

  it('is allowed when nothing is open', () => {
    expect(() => assertMovable('KTP-el', [])).not.toThrow();
  });
});

describe('the kiosk’s agency step', () => {
  it('is skipped for an office with one agency', () => {
    expect(kioskShowsAgencies([dukcapil], [serviceView({ agencyId: 'dukcapil' })])).toBe(false);
  });

  it('is skipped when only one agency has an active service', () => {
    const services = [serviceView({ id: 'a', agencyId: 'dukcapil' }), serviceView({ id: 'b', agencyId: 'samsat', active: false })];
    expect(kioskShowsAgencies([dukcapil, samsat], services)).toBe(false);
  });

  it('is shown when two agencies have active services', () => {
    const services = [serviceView({ id: 'a', agencyId: 'dukcapil' }), serviceView({ id: 'b', agencyId: 'samsat' })];
    expect(kioskShowsAgencies([dukcapil, samsat], services)).toBe(true);
  });

  it('offers a tile for each agency with an active service, in the office’s order', () => {
    const bpjs = agencyView({ id: 'bpjs', shortName: 'BPJS' });
    const services = [
      serviceView({ id: 'a', agencyId: 'samsat' }),
      serviceView({ id: 'b', agencyId: 'bpjs', active: false }),
      serviceView({ id: 'c', agencyId: 'dukcapil' }),
    ];
    expect(kioskAgencies([dukcapil, bpjs, samsat], services).map((agency) => agency.id)).toEqual(['dukcapil', 'samsat']);
  });
});

describe('the kiosk’s search', () => {
  const services = (active: number, inactive = 0) => [
    ...Array.from({ length: active }, (_, i) => serviceView({ id: `a${i}` })),
    ...Array.from({ length: inactive }, (_, i) => serviceView({ id: `i${i}`, active: false })),
  ];

  it('is offered from KIOSK_SEARCH_FROM active services on; inactive ones do not count', () => {
    expect(kioskOffersSearch(services(KIOSK_SEARCH_FROM))).toBe(true);
    expect(kioskOffersSearch(services(KIOSK_SEARCH_FROM - 1, 5))).toBe(false);
  });
});

describe('waiting per agency', () => {
  it('sums its services’ queues', () => {
    const services = [
      serviceView({ id: 'a', agencyId: 'dukcapil', waitingCount: 3 }),
      serviceView({ id: 'b', agencyId: 'dukcapil', waitingCount: 4 }),
      serviceView({ id: 'c', agencyId: 'samsat', waitingCount: 1 }),
    ];
    expect(Object.fromEntries(waitingByAgency(services))).toEqual({ dukcapil: 7, samsat: 1 });
  });
});

describe('the day’s most used services', () => {
  it('lists at most six, most tickets first, ties in the office’s order', () => {
    const services = Array.from({ length: 10 }, (_, index) => serviceView({ id: `s${index}`, issuedToday: [5, 9, 0, 9, 1, 2, 3, 7, 4, 0][index] }));
    expect(topServicesOfDay(services).map((service) => service.id)).toEqual(['s1', 's3', 's7', 's0', 's8', 's6']);
  });

  it('leaves out inactive services and those with no ticket yet', () => {
    const services = [
      serviceView({ id: 'a', issuedToday: 4, active: false }),
      serviceView({ id: 'b', issuedToday: 0 }),
      serviceView({ id: 'c', issuedToday: 1 }),
    ];
    expect(topServicesOfDay(services).map((service) => service.id)).toEqual(['c']);
  });
});

describe('searching services at the kiosk', () => {
  const services = [
    serviceView({ id: 'ktp', code: 'A', name: 'KTP-el', agencyId: 'dukcapil' }),
    serviceView({ id: 'akta', code: 'C', name: 'Akta Kelahiran', agencyId: 'dukcapil' }),
    serviceView({ id: 'kawin', code: 'D', name: 'Akta Perkawinan', agencyId: 'dukcapil' }),
    serviceView({ id: 'pkb', code: 'P', name: 'Pajak Kendaraan Tahunan', agencyId: 'samsat' }),
    serviceView({ id: 'bbn', code: 'BN', name: 'Balik Nama Kendaraan', agencyId: 'samsat' }),
  ];
  const find = (query: string) => searchServices(services, query, [dukcapil, samsat]).map((service) => service.id);

  it('finds by the start of any word of the name, case and punctuation aside', () => {
    expect(find('kelahiran')).toEqual(['akta']);
    expect(find('AKTA')).toEqual(['akta', 'kawin']);
    expect(find('ktp el')).toEqual(['ktp']);
    expect(find('ken')).toEqual(['pkb', 'bbn']);
  });

  it('needs every word typed', () => {
    expect(find('akta lahir')).toEqual([]);
    expect(find('akta kel')).toEqual(['akta']);
  });

  it('finds by the agency’s names and by the service code', () => {
    expect(find('samsat')).toEqual(['pkb', 'bbn']);
    expect(find('dukcapil akta')).toEqual(['akta', 'kawin']);
    expect(find('bn')).toEqual(['bbn']);
  });

  it('puts names that begin with the query first', () => {
    expect(find('kendaraan')).toEqual(['pkb', 'bbn']);
    expect(find('balik')).toEqual(['bbn']);
    expect(searchServices([services[3], services[4]], 'balik nama', [samsat]).map((service) => service.id)).toEqual(['bbn']);
  });

  it('finds nothing for an empty or blank query', () => {
    expect(find('')).toEqual([]);
    expect(find('  - ')).toEqual([]);
  });

  it('ignores accents', () => {
    expect(searchKey('Pelayanan Café')).toBe('pelayanan cafe');
  });
});

describe('text on an agency colour', () => {
  it('is white on dark colours and black on light ones', () => {
    expect(readableTextOn('#1d4ed8')).toBe('#ffffff');
    expect(readableTextOn('#000000')).toBe('#ffffff');
    expect(readableTextOn('#facc15')).toBe('#000000');
    expect(readableTextOn('#ffffff')).toBe('#000000');
  });
});
