import { agencyScopeOf, assertAgencyScope, withinAgencyScope } from './agency-scope.js';

const agencySupervisor = { role: 'supervisor' as const, agencyId: 'dukcapil' };
const officeSupervisor = { role: 'supervisor' as const, agencyId: null };
const admin = { role: 'admin' as const, agencyId: 'dukcapil' };

describe('agency scope', () => {
  it('confines a member with an agency to it, and leaves admins and unconfined staff the whole office', () => {
    expect(agencyScopeOf(agencySupervisor)).toBe('dukcapil');
    expect(agencyScopeOf(officeSupervisor)).toBeNull();
    expect(agencyScopeOf(admin)).toBeNull();
  });

  it('refuses another agency’s counter with not_your_agency', () => {
    expect(() => assertAgencyScope(agencySupervisor, 'samsat', 'Loket Samsat 1')).toThrow(expect.objectContaining({ code: 'not_your_agency' }));
    expect(() => assertAgencyScope(agencySupervisor, 'dukcapil', 'Loket 1')).not.toThrow();
    expect(() => assertAgencyScope(officeSupervisor, 'samsat', 'Loket Samsat 1')).not.toThrow();
    expect(() => assertAgencyScope(admin, 'samsat', 'Loket Samsat 1')).not.toThrow();
  });

  it('keeps only the rows of the member’s agency', () => {
    const rows = [
      { id: 'a', agencyId: 'dukcapil' },
      { id: 'b', agencyId: 'samsat' },
    ];
    expect(withinAgencyScope(agencySupervisor, rows).map((row) => row.id)).toEqual(['a']);
    expect(withinAgencyScope(officeSupervisor, rows).map((row) => row.id)).toEqual(['a', 'b']);
  });
});
