"""A target's years must lie inside its plan's period (up to the vision year).

The rule spans two tables (plans_target and plans_plan), which a CHECK constraint cannot
express, so it is enforced by triggers on both tables: inserting or moving a target outside
the period fails, and so does shrinking a plan's period under its targets. The error text
starts with the rule's name, ``target_years_inside_plan_period``; the database reports it as
an integrity error. ``Target.clean()`` gives forms the same rule with a Vietnamese message.
"""

from django.db import migrations

# A target is outside when it starts before the plan or ends after max(period_end, vision).
SQLITE_SQL = [
    """
    CREATE TRIGGER target_years_inside_plan_period_insert
    BEFORE INSERT ON plans_target FOR EACH ROW
    WHEN EXISTS (
        SELECT 1 FROM plans_plan p WHERE p.id = NEW.plan_id AND (
            COALESCE(NEW.start_year, NEW.target_year) < p.period_start
            OR NEW.target_year > MAX(p.period_end, COALESCE(p.vision_year, p.period_end))))
    BEGIN SELECT RAISE(ABORT, 'target_years_inside_plan_period: target outside its plan period'); END
    """,
    """
    CREATE TRIGGER target_years_inside_plan_period_update
    BEFORE UPDATE OF start_year, target_year, plan_id ON plans_target FOR EACH ROW
    WHEN EXISTS (
        SELECT 1 FROM plans_plan p WHERE p.id = NEW.plan_id AND (
            COALESCE(NEW.start_year, NEW.target_year) < p.period_start
            OR NEW.target_year > MAX(p.period_end, COALESCE(p.vision_year, p.period_end))))
    BEGIN SELECT RAISE(ABORT, 'target_years_inside_plan_period: target outside its plan period'); END
    """,
    """
    CREATE TRIGGER target_years_inside_plan_period_plan_update
    BEFORE UPDATE OF period_start, period_end, vision_year ON plans_plan FOR EACH ROW
    WHEN EXISTS (
        SELECT 1 FROM plans_target t WHERE t.plan_id = NEW.id AND (
            COALESCE(t.start_year, t.target_year) < NEW.period_start
            OR t.target_year > MAX(NEW.period_end, COALESCE(NEW.vision_year, NEW.period_end))))
    BEGIN SELECT RAISE(ABORT, 'target_years_inside_plan_period: plan period excludes a target'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS target_years_inside_plan_period_insert",
    "DROP TRIGGER IF EXISTS target_years_inside_plan_period_update",
    "DROP TRIGGER IF EXISTS target_years_inside_plan_period_plan_update",
]

POSTGRES_SQL = [
    """
    CREATE FUNCTION plantrack_target_years_inside_plan_period() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (
            SELECT 1 FROM plans_plan p WHERE p.id = NEW.plan_id AND (
                COALESCE(NEW.start_year, NEW.target_year) < p.period_start
                OR NEW.target_year > GREATEST(p.period_end, COALESCE(p.vision_year, p.period_end))))
        THEN
            RAISE EXCEPTION 'target_years_inside_plan_period: target outside its plan period'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER target_years_inside_plan_period
    BEFORE INSERT OR UPDATE OF start_year, target_year, plan_id ON plans_target
    FOR EACH ROW EXECUTE FUNCTION plantrack_target_years_inside_plan_period()
    """,
    """
    CREATE FUNCTION plantrack_plan_period_keeps_targets() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (
            SELECT 1 FROM plans_target t WHERE t.plan_id = NEW.id AND (
                COALESCE(t.start_year, t.target_year) < NEW.period_start
                OR t.target_year > GREATEST(NEW.period_end, COALESCE(NEW.vision_year, NEW.period_end))))
        THEN
            RAISE EXCEPTION 'target_years_inside_plan_period: plan period excludes a target'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER target_years_inside_plan_period_plan
    BEFORE UPDATE OF period_start, period_end, vision_year ON plans_plan
    FOR EACH ROW EXECUTE FUNCTION plantrack_plan_period_keeps_targets()
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS target_years_inside_plan_period ON plans_target",
    "DROP TRIGGER IF EXISTS target_years_inside_plan_period_plan ON plans_plan",
    "DROP FUNCTION IF EXISTS plantrack_target_years_inside_plan_period()",
    "DROP FUNCTION IF EXISTS plantrack_plan_period_keeps_targets()",
]

STATEMENTS = {"sqlite": (SQLITE_SQL, SQLITE_REVERSE), "postgresql": (POSTGRES_SQL, POSTGRES_REVERSE)}


def _run(schema_editor, which: int) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise NotImplementedError(f"PlanTrack supports SQLite and PostgreSQL, not {vendor}")
    for statement in STATEMENTS[vendor][which]:
        schema_editor.execute(statement)


def create_triggers(apps, schema_editor) -> None:
    _run(schema_editor, 0)


def drop_triggers(apps, schema_editor) -> None:
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
