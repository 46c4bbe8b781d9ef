-- The SQL of checklists.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- items
SELECT t.id AS template_id, t.kind, t.version AS template_version, i.id, i.code, i.label, i.sort_order, i.active
FROM checklist_templates t JOIN checklist_items i ON i.template_id = t.id
WHERE t.office_id = $1 ORDER BY t.kind, i.sort_order, i.code;

-- createTemplate
INSERT INTO checklist_templates (office_id, kind) VALUES ($1, $2) ON CONFLICT (office_id, kind) DO NOTHING RETURNING id;

-- addItem
INSERT INTO checklist_items (template_id, code, label, sort_order) VALUES ($1, $2, $3, $4);

-- updateItem
UPDATE checklist_items SET label = $2, sort_order = $3, active = $4 WHERE id = $1;

-- insertItem
INSERT INTO checklist_items (template_id, code, label, sort_order, active) VALUES ($1, $2, $3, $4, $5);

-- recordResponse
INSERT INTO checklist_responses (office_id, template_id, kind, session_id, ticket_id, counter_id, subject_staff_id, answered_by_staff_id, method, outcome, note, at, supersedes_id, filed_at)
SELECT $1::uuid, $2::uuid, $3::text, $4::uuid, $5::uuid, $6::uuid, $7::uuid, $8::uuid, $9::text, $10::text, $11::text, $12::timestamptz, $13::uuid,
       COALESCE((SELECT corrected.filed_at FROM checklist_responses corrected WHERE corrected.id = $13::uuid), $12::timestamptz)
WHERE $14::integer IS NULL OR EXISTS (SELECT 1 FROM checklist_templates v WHERE v.id = $2::uuid AND v.version = $14::integer)
RETURNING id;

-- lockTicket
SELECT id, office_id FROM tickets WHERE id = $1 FOR NO KEY UPDATE;

-- currentInteraction
SELECT r.id, r.counter_id, r.subject_staff_id, r.answered_by_staff_id,
       (SELECT min(first.at) FROM checklist_responses first WHERE first.ticket_id = r.ticket_id AND first.kind = 'interaction' AND first.method <> 'observed') AS first_saved_at
FROM checklist_responses r
WHERE r.ticket_id = $1 AND r.kind = 'interaction' AND r.method <> 'observed' AND NOT EXISTS (SELECT 1 FROM checklist_responses superseding WHERE superseding.supersedes_id = r.id);

-- recordAnswers
INSERT INTO checklist_answers (response_id, item_id, item_code, answer)
SELECT $1, unnest($2::uuid[]), unnest($3::text[]), unnest($4::text[]);
