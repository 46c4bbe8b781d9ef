-- The SQL of admin-checklists.repository.ts: rewrite with UPDATE_SQL_SNAPSHOTS=1 (test/repositories/sql-snapshots.spec.ts).

-- updateItem
UPDATE checklist_items SET label = $2, sort_order = $3, active = $4 WHERE id = $1;

-- insertItem
INSERT INTO checklist_items (template_id, code, label, sort_order, active) VALUES ($1, $2, $3, $4, $5);
