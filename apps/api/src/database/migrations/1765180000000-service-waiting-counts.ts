import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many tickets wait for each service, kept by the database with every change to a
 * ticket, so issuing can tell a new ticket its place without counting the queue ahead of it
 * (TicketsRepository `issue`: the service's count less the tickets behind the new one, which
 * for a ticket joining the end of its queue are none or few).
 *
 * The triggers are deferred to COMMIT: every transaction that changes a ticket has by then
 * taken its office's sequence row lock (`offices.seq`, held to COMMIT), so the count's row
 * of a service is written by one transaction of the office at a time, in the order they
 * commit, and no earlier in the transaction than that lock already serializes it (the
 * call-next storm's critical section stays what it was). A count and the tickets it counts
 * are committed together, so any snapshot sees them agree.
 */
export class ServiceWaitingCounts1765180000000 implements MigrationInterface {
  name = 'ServiceWaitingCounts1765180000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE service_waiting (
        service_id uuid PRIMARY KEY REFERENCES services(id) ON DELETE CASCADE,
        waiting integer NOT NULL
      )`);
    await db.query(`INSERT INTO service_waiting (service_id, waiting) SELECT service_id, count(*) FROM tickets WHERE status = 'waiting' GROUP BY service_id`);
    await db.query(`
      CREATE FUNCTION service_waiting_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' AND OLD.status = 'waiting' THEN
          UPDATE service_waiting SET waiting = waiting - 1 WHERE service_id = OLD.service_id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.status = 'waiting' THEN
          INSERT INTO service_waiting AS w (service_id, waiting) VALUES (NEW.service_id, 1)
          ON CONFLICT (service_id) DO UPDATE SET waiting = w.waiting + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER tickets_waiting_insert AFTER INSERT ON tickets DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (NEW.status = 'waiting') EXECUTE FUNCTION service_waiting_count()`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER tickets_waiting_update AFTER UPDATE OF status, service_id ON tickets DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN ((OLD.status = 'waiting' OR NEW.status = 'waiting') AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.service_id IS DISTINCT FROM NEW.service_id))
      EXECUTE FUNCTION service_waiting_count()`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER tickets_waiting_delete AFTER DELETE ON tickets DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (OLD.status = 'waiting') EXECUTE FUNCTION service_waiting_count()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER tickets_waiting_delete ON tickets`);
    await db.query(`DROP TRIGGER tickets_waiting_update ON tickets`);
    await db.query(`DROP TRIGGER tickets_waiting_insert ON tickets`);
    await db.query(`DROP FUNCTION service_waiting_count()`);
    await db.query(`DROP TABLE service_waiting`);
  }
}
