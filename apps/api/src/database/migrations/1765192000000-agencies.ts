import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agencies (instansi) under one roof (issue 20): an office hosts one or more agencies, and
 * each service and each counter belongs to exactly one of them.
 *
 * Every existing office gets one agency named after it, holding all its services and
 * counters, so an office that never adds a second one sees no difference. The database
 * keeps that true for every writer, not only the admin API: a new office gets its first
 * agency from a trigger, and a service or counter inserted without an agency (the seed, the
 * simulator, an older tool) lands in the office's first agency. The composite foreign keys
 * make an agency of another office impossible to name.
 */
export class Agencies1765192000000 implements MigrationInterface {
  name = 'Agencies1765192000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id),
        name text NOT NULL,
        short_name text NOT NULL,
        color text NOT NULL DEFAULT '#1d4ed8' CHECK (color ~ '^#[0-9a-f]{6}$'),
        sort_order integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (office_id, id),
        UNIQUE (office_id, short_name)
      )`);
    await db.query(`CREATE INDEX agencies_office ON agencies (office_id, sort_order, created_at, id)`);
    // A first agency's short name from its office's: whole words up to 24 characters ("Mal Pelayanan Publik").
    await db.query(`
      CREATE FUNCTION agency_short_name(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(substring(btrim(name) from '^(.{1,24})(\\s|$)'), left(btrim(name), 24))
      $$`);
    // The first agency of every existing office, named after the office.
    await db.query(`INSERT INTO agencies (office_id, name, short_name, created_at) SELECT id, name, agency_short_name(name), created_at FROM offices`);

    await db.query(`ALTER TABLE services ADD COLUMN agency_id uuid`);
    await db.query(`ALTER TABLE counters ADD COLUMN agency_id uuid`);
    await db.query(`UPDATE services s SET agency_id = a.id FROM agencies a WHERE a.office_id = s.office_id`);
    await db.query(`UPDATE counters c SET agency_id = a.id FROM agencies a WHERE a.office_id = c.office_id`);
    await db.query(`ALTER TABLE services ALTER COLUMN agency_id SET NOT NULL`);
    await db.query(`ALTER TABLE counters ALTER COLUMN agency_id SET NOT NULL`);
    await db.query(`ALTER TABLE services ADD CONSTRAINT services_agency_fkey FOREIGN KEY (office_id, agency_id) REFERENCES agencies (office_id, id)`);
    await db.query(`ALTER TABLE counters ADD CONSTRAINT counters_agency_fkey FOREIGN KEY (office_id, agency_id) REFERENCES agencies (office_id, id)`);
    await db.query(`CREATE INDEX services_agency ON services (agency_id)`);
    await db.query(`CREATE INDEX counters_agency ON counters (agency_id)`);

    // A new office starts with its one agency, unless a service or counter written in the same statement (an
    // INSERT with its office in a CTE, as the test fixtures do) already made it through default_agency below.
    await db.query(`
      CREATE FUNCTION office_first_agency() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO agencies (office_id, name, short_name, created_at)
        SELECT NEW.id, NEW.name, agency_short_name(NEW.name), NEW.created_at WHERE NOT EXISTS (SELECT 1 FROM agencies WHERE office_id = NEW.id);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER offices_first_agency AFTER INSERT ON offices FOR EACH ROW EXECUTE FUNCTION office_first_agency()`);
    // A service or counter written without an agency joins the office's first one (listed first: sort order, then
    // oldest), which it makes when the office has none yet.
    await db.query(`
      CREATE FUNCTION default_agency() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.agency_id IS NULL THEN
          SELECT a.id INTO NEW.agency_id FROM agencies a WHERE a.office_id = NEW.office_id ORDER BY a.sort_order, a.created_at, a.id LIMIT 1;
        END IF;
        IF NEW.agency_id IS NULL THEN
          INSERT INTO agencies (office_id, name, short_name, created_at)
          SELECT o.id, o.name, agency_short_name(o.name), o.created_at FROM offices o WHERE o.id = NEW.office_id
          RETURNING id INTO NEW.agency_id;
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER services_default_agency BEFORE INSERT ON services FOR EACH ROW EXECUTE FUNCTION default_agency()`);
    await db.query(`CREATE TRIGGER counters_default_agency BEFORE INSERT ON counters FOR EACH ROW EXECUTE FUNCTION default_agency()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER counters_default_agency ON counters`);
    await db.query(`DROP TRIGGER services_default_agency ON services`);
    await db.query(`DROP FUNCTION default_agency()`);
    await db.query(`DROP TRIGGER offices_first_agency ON offices`);
    await db.query(`DROP FUNCTION office_first_agency()`);
    await db.query(`ALTER TABLE counters DROP COLUMN agency_id`);
    await db.query(`ALTER TABLE services DROP COLUMN agency_id`);
    await db.query(`DROP TABLE agencies`);
    await db.query(`DROP FUNCTION agency_short_name(text)`);
  }
}
