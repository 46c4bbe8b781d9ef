import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Zones of a building (issue 20): an admin names a part of an office ("Lantai 1 – Zona A") by
 * its agencies (every counter of theirs, now and later) and by counters named one by one. A
 * board at `?zone=` shows that zone alone.
 *
 * A zone's name is unique in its office, case ignored, and so is its slug (the board's
 * address), which the API makes from the name. The composite foreign keys make an agency or
 * counter of another office impossible to name; deleting a zone takes its members with it.
 * Nothing existing changes: an office starts with no zones.
 */
export class Zones1765198100000 implements MigrationInterface {
  name = 'Zones1765198100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE zones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id),
        name text NOT NULL,
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        sort_order integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (office_id, id),
        UNIQUE (office_id, slug)
      )`);
    await db.query(`CREATE UNIQUE INDEX zones_office_name ON zones (office_id, lower(name))`);
    // (office_id, id) of a counter is unique already (id is); the constraint lets a zone's member name its office too.
    await db.query(`ALTER TABLE counters ADD CONSTRAINT counters_office_id_id_key UNIQUE (office_id, id)`);
    await db.query(`
      CREATE TABLE zone_agencies (
        zone_id uuid NOT NULL,
        office_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        PRIMARY KEY (zone_id, agency_id),
        FOREIGN KEY (office_id, zone_id) REFERENCES zones (office_id, id) ON DELETE CASCADE,
        FOREIGN KEY (office_id, agency_id) REFERENCES agencies (office_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX zone_agencies_agency ON zone_agencies (agency_id)`);
    await db.query(`
      CREATE TABLE zone_counters (
        zone_id uuid NOT NULL,
        office_id uuid NOT NULL,
        counter_id uuid NOT NULL,
        PRIMARY KEY (zone_id, counter_id),
        FOREIGN KEY (office_id, zone_id) REFERENCES zones (office_id, id) ON DELETE CASCADE,
        FOREIGN KEY (office_id, counter_id) REFERENCES counters (office_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX zone_counters_counter ON zone_counters (counter_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE zone_counters`);
    await db.query(`DROP TABLE zone_agencies`);
    await db.query(`ALTER TABLE counters DROP CONSTRAINT counters_office_id_id_key`);
    await db.query(`DROP TABLE zones`);
  }
}
