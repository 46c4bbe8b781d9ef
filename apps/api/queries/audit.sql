-- The SQL of audit.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- insert
INSERT INTO audit_log (at, actor_staff_id, office_id, counter_id, action, subject_type, subject_id, subject_label, before, after)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);

-- trail
WITH trail AS (
  SELECT 'admin'::text AS source, a.id::text AS id, a.k, a.at, a.actor_staff_id, a.office_id, a.counter_id, a.action, a.subject_type, a.subject_id,
         a.subject_label, NULL::text AS ticket_code, NULL::int AS ticket_number, a.before, a.after
  FROM (SELECT *, lpad(id::text, 19, '0') AS k, office_id AS office_key, actor_staff_id AS actor_key, at AS at_key FROM audit_log) a
  WHERE
($1::uuid[] IS NULL OR a.office_key = ANY($1::uuid[]))
AND ($2::uuid IS NULL OR a.actor_key = $2::uuid)
AND ($3::timestamptz IS NULL OR a.at_key >= $3::timestamptz)
AND ($4::timestamptz IS NULL OR a.at_key < $4::timestamptz)
AND ($5::text IS NULL OR a.action = $5::text OR a.action LIKE $5::text || '.%')
AND ($6::bigint IS NULL OR (a.at_key, 'admin'::text, a.k) < ('epoch'::timestamptz + $6::bigint * interval '1 microsecond', $7::text, $8::text))
  UNION ALL
  SELECT 'ticket', e.id::text, e.k, e.at, e.actor_staff_id, e.office_id, e.counter_id, 'ticket.' || e.type, 'ticket', e.ticket_id::text,
         NULL, t.issued_code, t.number, NULL, e.payload
  FROM (SELECT *, lpad(id::text, 19, '0') AS k, office_id AS office_key, actor_staff_id AS actor_key, at AS at_key FROM ticket_events WHERE actor_kind = 'staff') e
  JOIN tickets t ON t.id = e.ticket_id
  WHERE
($1::uuid[] IS NULL OR e.office_key = ANY($1::uuid[]))
AND ($2::uuid IS NULL OR e.actor_key = $2::uuid)
AND ($3::timestamptz IS NULL OR e.at_key >= $3::timestamptz)
AND ($4::timestamptz IS NULL OR e.at_key < $4::timestamptz)
AND ($5::text IS NULL OR ('ticket.' || e.type) = $5::text OR ('ticket.' || e.type) LIKE $5::text || '.%')
AND ($6::bigint IS NULL OR (e.at_key, 'ticket'::text, e.k) < ('epoch'::timestamptz + $6::bigint * interval '1 microsecond', $7::text, $8::text))
  UNION ALL
  SELECT 'counter', ce.id::text, ce.k, ce.at, ce.actor_staff_id, ce.office_key, ce.counter_id, 'counter.' || ce.type, 'counter_session', ce.session_id::text,
         NULL, NULL, NULL, NULL,
         CASE WHEN ce.reason IS NULL AND ce.note IS NULL THEN NULL ELSE jsonb_strip_nulls(jsonb_build_object('reason', ce.reason, 'note', ce.note)) END
  FROM (SELECT x.*, lpad(x.id::text, 19, '0') AS k, c.office_id AS office_key, x.actor_staff_id AS actor_key, x.at AS at_key
        FROM counter_session_events x JOIN counters c ON c.id = x.counter_id) ce
  WHERE
($1::uuid[] IS NULL OR ce.office_key = ANY($1::uuid[]))
AND ($2::uuid IS NULL OR ce.actor_key = $2::uuid)
AND ($3::timestamptz IS NULL OR ce.at_key >= $3::timestamptz)
AND ($4::timestamptz IS NULL OR ce.at_key < $4::timestamptz)
AND ($5::text IS NULL OR ('counter.' || ce.type) = $5::text OR ('counter.' || ce.type) LIKE $5::text || '.%')
AND ($6::bigint IS NULL OR (ce.at_key, 'counter'::text, ce.k) < ('epoch'::timestamptz + $6::bigint * interval '1 microsecond', $7::text, $8::text))
  UNION ALL
  -- A supervisor watching an officer at work: the observation checklist, who was observed and what was ticked.
  -- An officer correcting the interaction record they saved: the record before and after, on the ticket.
  SELECT 'checklist', r.id::text, r.k, r.at, r.answered_by_staff_id, r.office_id, r.counter_id, r.action,
         CASE WHEN r.supersedes_id IS NULL THEN 'staff' ELSE 'ticket' END,
         CASE WHEN r.supersedes_id IS NULL THEN r.subject_staff_id ELSE r.ticket_id END::text,
         CASE WHEN r.supersedes_id IS NULL THEN (SELECT name FROM staff WHERE id = r.subject_staff_id) END,
         t.issued_code, t.number,
         (SELECT jsonb_build_object('method', old.method, 'outcome', old.outcome, 'note', old.note,
            'answers', (SELECT jsonb_object_agg(a.item_code, a.answer) FROM checklist_answers a WHERE a.response_id = old.id))
          FROM checklist_responses old WHERE old.id = r.supersedes_id),
         jsonb_build_object('kind', r.kind, 'method', r.method, 'outcome', r.outcome, 'note', r.note,
           'answers', (SELECT jsonb_object_agg(a.item_code, a.answer) FROM checklist_answers a WHERE a.response_id = r.id))
  FROM (SELECT *, id::text AS k, office_id AS office_key, answered_by_staff_id AS actor_key, at AS at_key,
               CASE WHEN supersedes_id IS NULL THEN 'checklist.observed' ELSE 'checklist.corrected' END AS action
        FROM checklist_responses WHERE method = 'observed' OR supersedes_id IS NOT NULL) r
  LEFT JOIN tickets t ON t.id = r.ticket_id AND r.supersedes_id IS NOT NULL
  WHERE
($1::uuid[] IS NULL OR r.office_key = ANY($1::uuid[]))
AND ($2::uuid IS NULL OR r.actor_key = $2::uuid)
AND ($3::timestamptz IS NULL OR r.at_key >= $3::timestamptz)
AND ($4::timestamptz IS NULL OR r.at_key < $4::timestamptz)
AND ($5::text IS NULL OR r.action = $5::text OR r.action LIKE $5::text || '.%')
AND ($6::bigint IS NULL OR (r.at_key, 'checklist'::text, r.k) < ('epoch'::timestamptz + $6::bigint * interval '1 microsecond', $7::text, $8::text))
  UNION ALL
  -- An alert a supervisor acknowledged: who and when are kept on the alert's row.
  SELECT 'alert', l.id::text, l.k, l.at_key, l.acknowledged_by_staff_id, l.office_id, l.counter_id, 'alert.acknowledged', 'alert', l.id::text,
         l.subject, NULL, NULL, NULL, jsonb_build_object('kind', l.kind, 'since', l.since, 'raisedAt', l.raised_at)
  FROM (SELECT *, id::text AS k, office_id AS office_key, acknowledged_by_staff_id AS actor_key, acknowledged_at AS at_key
        FROM supervision_alerts WHERE acknowledged_at IS NOT NULL) l
  WHERE
($1::uuid[] IS NULL OR l.office_key = ANY($1::uuid[]))
AND ($2::uuid IS NULL OR l.actor_key = $2::uuid)
AND ($3::timestamptz IS NULL OR l.at_key >= $3::timestamptz)
AND ($4::timestamptz IS NULL OR l.at_key < $4::timestamptz)
AND ($5::text IS NULL OR 'alert.acknowledged' = $5::text OR 'alert.acknowledged' LIKE $5::text || '.%')
AND ($6::bigint IS NULL OR (l.at_key, 'alert'::text, l.k) < ('epoch'::timestamptz + $6::bigint * interval '1 microsecond', $7::text, $8::text))
)
SELECT tr.*, (extract(epoch FROM tr.at) * 1000000)::bigint::text AS at_micros, s.name AS actor_name, s.username AS actor_username, s.role AS actor_role,
       o.name AS office_name, c.number AS counter_number, c.name AS counter_name
FROM trail tr
LEFT JOIN staff s ON s.id = tr.actor_staff_id
LEFT JOIN offices o ON o.id = tr.office_id
LEFT JOIN counters c ON c.id = tr.counter_id
ORDER BY tr.at DESC, tr.source DESC, tr.k DESC
LIMIT $9;
