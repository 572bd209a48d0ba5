-- A command does a constant amount of work, however many rows its plan (tenant, year, type) has.
--
-- The plan's row holds the interval all its rows share: a row joins the plan under a shared lock on
-- it when the intervals agree; the first row (or the only one, changing) fixes it under an exclusive lock.
ALTER TABLE target_plans ADD COLUMN period_interval text;
INSERT INTO target_plans (tenant_id, year, type_id)
    SELECT DISTINCT tenant_id, year, type_id FROM target_rows
    ON CONFLICT DO NOTHING;
UPDATE target_plans p SET period_interval = (
    SELECT r.period_interval FROM target_rows r
    WHERE r.tenant_id = p.tenant_id AND r.year = p.year AND r.type_id = p.type_id
    LIMIT 1);

-- The group a row gives targets to (group rows: their owner; user rows: the user's group; the
-- company row: none), indexed per plan: "which groups do the other rows give targets to" (one group
-- per year and type without Sales Targets Unlimited) is a min and a max, two index probes.
ALTER TABLE target_rows ADD COLUMN target_group text
    GENERATED ALWAYS AS (CASE level WHEN 'GROUP' THEN owner_id WHEN 'USER' THEN group_id END) STORED;
CREATE INDEX target_rows_by_plan_group ON target_rows (tenant_id, year, type_id, target_group);
