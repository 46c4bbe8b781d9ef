import { ADMIN_ACTIONS } from '@loket/domain';
import { adminEn, adminId } from './admin';

type Labels = Record<string, Record<string, string>>;

describe('the audit view’s action labels', () => {
  it.each([
    ['id', adminId.audit.actions as Labels],
    ['en', adminEn.audit.actions as Labels],
  ])('name every action the trail records in %s', (_language, actions) => {
    const missing = ADMIN_ACTIONS.filter((action) => {
      const [group, name] = action.split('.');
      return typeof actions[group]?.[name] !== 'string';
    });
    expect(missing).toEqual([]);
  });
});
