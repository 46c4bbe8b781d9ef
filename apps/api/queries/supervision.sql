-- The SQL of supervision.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- dayTicketEvents
SELECT e.ticket_id, e.type, e.at, e.service_id, e.counter_id, t.priority IS NOT NULL AS priority
FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
WHERE e.office_id = $1 AND e.at >= $2 AND e.seq <= $3 ORDER BY e.id;

-- dayCounterEvents
SELECT e.counter_id, e.type, e.at, e.reason FROM counter_session_events e JOIN counters c ON c.id = e.counter_id
WHERE c.office_id = $1 AND e.at >= $2 AND e.seq <= $3 ORDER BY e.id;

-- staffing
SELECT c.id, c.schedule, c.scheduled_since, cn.staff_id, st.name AS staff_name
FROM counters c
LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
LEFT JOIN staff st ON st.id = cn.staff_id
WHERE c.office_id = $1 AND c.active;

-- officesToScan
SELECT o.id, o.slug FROM offices o
WHERE EXISTS (SELECT 1 FROM services s JOIN service_waiting w ON w.service_id = s.id WHERE s.office_id = o.id AND w.waiting > 0)
   OR EXISTS (SELECT 1 FROM counters c WHERE c.office_id = o.id AND c.active AND c.schedule <> '[]'::jsonb)
   OR o.id IN (SELECT e.office_id FROM ticket_events e WHERE e.type = 'finished' AND e.at >= $1)
   OR o.id IN (SELECT a.office_id FROM supervision_alerts a WHERE a.resolved_at IS NULL AND a.acknowledged_at IS NULL)
   OR EXISTS (SELECT 1 FROM complaints k WHERE k.office_id = o.id AND k.closed_at IS NULL AND k.due_at < $2)
   OR EXISTS (SELECT 1 FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
              WHERE e.office_id = o.id AND d.status = 'failed' AND d.finished_at >= $1)
ORDER BY o.slug;

-- overdueComplaints
SELECT id, number, service_id, due_at FROM complaints WHERE office_id = $1 AND closed_at IS NULL AND due_at < $2 ORDER BY due_at;

-- officeSlug
SELECT slug FROM offices WHERE id = $1;

-- failingWebhooks
SELECT e.id, e.url, e.description, count(*)::int AS failed, min(d.finished_at) AS since
FROM webhook_endpoints e JOIN webhook_deliveries d ON d.endpoint_id = e.id AND d.status = 'failed' AND d.finished_at >= $2
WHERE e.office_id = $1 AND e.enabled
  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries ok WHERE ok.endpoint_id = e.id AND ok.status = 'delivered' AND ok.finished_at > d.finished_at)
GROUP BY e.id, e.url, e.description;

-- knownAlertKeys
SELECT subject_key FROM supervision_alerts WHERE office_id = $1 AND subject_key = ANY($2::text[]);

-- raiseAlert
WITH raised AS (
       INSERT INTO supervision_alerts (office_id, kind, subject_key, subject, service_id, counter_id, ticket_id, since, raised_at, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (office_id, subject_key) DO NOTHING RETURNING *
     ), notice AS (
       INSERT INTO outbox (office_id, type, version, subject_key, data, occurred_at)
       SELECT raised.office_id, 'alert.raised', $11, 'alert:' || raised.id,
              jsonb_build_object('office', jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'timeZone', o.time_zone),
                                 'alert', jsonb_build_object('id', raised.id, 'kind', raised.kind, 'subject', raised.subject, 'since', raised.since)),
              raised.raised_at
       FROM raised JOIN offices o ON o.id = raised.office_id
       WHERE EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.office_id = raised.office_id AND w.enabled AND 'alert.raised' = ANY(w.events))
       RETURNING id, office_id, type, subject_key, occurred_at
     ), fanout AS (
       INSERT INTO webhook_deliveries (outbox_id, endpoint_id, subject_key, first_due_at, next_attempt_at, created_at)
SELECT n.id, w.id, n.subject_key, n.occurred_at, n.occurred_at, n.occurred_at
FROM notice n JOIN webhook_endpoints w ON w.office_id = n.office_id AND w.enabled AND n.type = ANY(w.events)
     )
     SELECT raised.*, NULL::text AS acknowledged_by_name, COALESCE(ac.agency_id, asv.agency_id) AS agency_id FROM raised LEFT JOIN counters ac ON ac.id = raised.counter_id LEFT JOIN services asv ON asv.id = raised.service_id;

-- openAlerts
SELECT a.id, a.office_id, a.kind, a.subject_key, a.subject, a.service_id, a.counter_id, a.ticket_id, a.since, a.raised_at,
       a.details, a.resolved_at, a.acknowledged_at, a.acknowledged_by_staff_id, st.name AS acknowledged_by_name, COALESCE(ac.agency_id, asv.agency_id) AS agency_id
FROM supervision_alerts a LEFT JOIN staff st ON st.id = a.acknowledged_by_staff_id LEFT JOIN counters ac ON ac.id = a.counter_id LEFT JOIN services asv ON asv.id = a.service_id WHERE a.office_id = $1 AND a.acknowledged_at IS NULL AND ($2::uuid IS NULL OR COALESCE(ac.agency_id, asv.agency_id) = $2::uuid)
       ORDER BY a.since, a.raised_at;

-- resolveAlerts
WITH resolved AS (
  UPDATE supervision_alerts SET resolved_at = $3
  WHERE office_id = $1 AND id = ANY($2::uuid[]) AND resolved_at IS NULL AND acknowledged_at IS NULL RETURNING *)
SELECT resolved.*, NULL::text AS acknowledged_by_name, COALESCE(ac.agency_id, asv.agency_id) AS agency_id FROM resolved LEFT JOIN counters ac ON ac.id = resolved.counter_id LEFT JOIN services asv ON asv.id = resolved.service_id
ORDER BY resolved.since;

-- alertById
SELECT a.id, a.office_id, a.kind, a.subject_key, a.subject, a.service_id, a.counter_id, a.ticket_id, a.since, a.raised_at,
       a.details, a.resolved_at, a.acknowledged_at, a.acknowledged_by_staff_id, st.name AS acknowledged_by_name, COALESCE(ac.agency_id, asv.agency_id) AS agency_id
FROM supervision_alerts a LEFT JOIN staff st ON st.id = a.acknowledged_by_staff_id LEFT JOIN counters ac ON ac.id = a.counter_id LEFT JOIN services asv ON asv.id = a.service_id WHERE a.id = $1;

-- lockAlert
SELECT a.office_id, a.acknowledged_at, COALESCE(ac.agency_id, asv.agency_id) AS agency_id FROM supervision_alerts a LEFT JOIN counters ac ON ac.id = a.counter_id LEFT JOIN services asv ON asv.id = a.service_id
WHERE a.id = $1 FOR UPDATE OF a;

-- acknowledgeAlert
UPDATE supervision_alerts SET acknowledged_at = $2, acknowledged_by_staff_id = $3 WHERE id = $1;

-- counterOfOffice
SELECT id, name, agency_id FROM counters WHERE id = $1 AND office_id = $2;

-- lockTicketAtCounter
SELECT t.id, t.issued_code, t.number, t.staff_id, st.name AS staff_name
FROM tickets t LEFT JOIN staff st ON st.id = t.staff_id
WHERE t.counter_id = $1 AND t.status IN ('called', 'serving') FOR NO KEY UPDATE OF t;

-- latestObservation
SELECT id FROM checklist_responses WHERE ticket_id = $1 AND method = 'observed' AND answered_by_staff_id = $2 ORDER BY at DESC LIMIT 1;

-- chartServices
SELECT id, code, name, max_wait_minutes, service_time_minutes FROM services WHERE office_id = $1 AND ($2::uuid IS NULL OR id IN (SELECT id FROM services WHERE agency_id = $2::uuid))
ORDER BY sort_order, code;

-- chartTicketEvents
SELECT e.ticket_id, e.type, e.at, e.service_id, t.priority IS NOT NULL AS priority FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
WHERE t.office_id = $1 AND t.issued_at >= $2 AND t.issued_at < $3 AND ($4::uuid IS NULL OR e.service_id IN (SELECT id FROM services WHERE agency_id = $4::uuid) OR e.counter_id IN (SELECT id FROM counters WHERE agency_id = $4::uuid)) ORDER BY e.id;

-- chartAnswers
SELECT r.method, r.subject_staff_id AS staff_id, st.name AS staff_name, a.item_code, i.label, a.answer
FROM checklist_answers a
JOIN checklist_responses r ON r.id = a.response_id
JOIN staff st ON st.id = r.subject_staff_id
LEFT JOIN checklist_items i ON i.id = a.item_id
WHERE r.office_id = $1 AND r.kind = 'interaction' AND r.filed_at >= $2 AND r.filed_at < $3 AND NOT EXISTS (SELECT 1 FROM checklist_responses superseding WHERE superseding.supersedes_id = r.id)
  AND ($4::uuid IS NULL OR r.counter_id IN (SELECT id FROM counters WHERE agency_id = $4::uuid));

-- chartSurveys
SELECT u1, u2, u3, u4, u5, u6, u7, u8, u9 FROM satisfaction_surveys
WHERE office_id = $1 AND submitted_at >= $2 AND submitted_at < $3 AND ($4::uuid IS NULL OR service_id IN (SELECT id FROM services WHERE agency_id = $4::uuid) OR counter_id IN (SELECT id FROM counters WHERE agency_id = $4::uuid));

-- surveyTotals
SELECT ss.office_id, s.agency_id, count(*)::int AS responses,
  coalesce(sum(ss.u1), 0)::int AS u1_sum, count(ss.u1)::int AS u1_count,
  coalesce(sum(ss.u2), 0)::int AS u2_sum, count(ss.u2)::int AS u2_count,
  coalesce(sum(ss.u3), 0)::int AS u3_sum, count(ss.u3)::int AS u3_count,
  coalesce(sum(ss.u4), 0)::int AS u4_sum, count(ss.u4)::int AS u4_count,
  coalesce(sum(ss.u5), 0)::int AS u5_sum, count(ss.u5)::int AS u5_count,
  coalesce(sum(ss.u6), 0)::int AS u6_sum, count(ss.u6)::int AS u6_count,
  coalesce(sum(ss.u7), 0)::int AS u7_sum, count(ss.u7)::int AS u7_count,
  coalesce(sum(ss.u8), 0)::int AS u8_sum, count(ss.u8)::int AS u8_count,
  coalesce(sum(ss.u9), 0)::int AS u9_sum, count(ss.u9)::int AS u9_count
FROM satisfaction_surveys ss JOIN tickets t ON t.id = ss.ticket_id JOIN services s ON s.id = ss.service_id
WHERE ss.office_id = ANY($1::uuid[]) AND t.service_day BETWEEN $2::date AND $3::date
GROUP BY ss.office_id, s.agency_id;
