import { useTestApp } from './support/test-app.js';

// The audit trail and the event logs (docs/security.md): no statement may empty them.
const APPEND_ONLY = ['ticket_events', 'counter_session_events', 'checklist_responses', 'checklist_answers', 'audit_log'];

describe('append-only tables', () => {
  const t = useTestApp();

  it.each(APPEND_ONLY)('refuses TRUNCATE of %s', async (table) => {
    // CASCADE, or a table another refers to is refused for that reason before its own trigger is asked.
    await expect(t.db.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/append-only \(TRUNCATE on /);
  });

  it('refuses a TRUNCATE that would reach the events through CASCADE', async () => {
    await expect(t.db.query(`TRUNCATE tickets CASCADE`)).rejects.toThrow(/append-only \(TRUNCATE on /);
  });
});
