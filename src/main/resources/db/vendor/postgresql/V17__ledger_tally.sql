-- PostgreSQL only (H2's dashboard streams a year's entries and counts them in Java: DashboardQuery).
-- The office's dashboard counts a plan year's entries by light, stage, category and lead unit, with each quarter's
-- first reports, on time and late. Grouping the year's entries at every request cost 4.4-4.8 ms at 10,000 tasks (an
-- index-only scan of ix_ledger_entry_dashboard and ~400 ns a row to group and count it), the most that grew with the
-- tasks on that page. The counts are kept here instead, as rows of changes: whenever one of the counted columns of an
-- entry changes, a trigger appends -1 for its old values and +1 for its new ones (every writer of ledger_entry, the
-- deletes cascaded from reform_task included, in the writer's transaction), and DashboardTally folds all rows into
-- one per group every minute. The dashboard sums a year's rows: a few hundred at 10,000 tasks.
-- Appended rows, not one counter per group updated in place: concurrent task starts in one group do not wait for
-- each other's commits.
create table ledger_tally (
    plan_year   integer,
    light       varchar(16)  not null,
    stage       varchar(32),
    category    varchar(200),
    lead_unit   varchar(64),
    entries     integer      not null,
    -- each quarter of the plan year: first reports submitted (report_qN_late not null) and of them late (> 0)
    q1_reports integer not null,
    q1_late    integer not null,
    q2_reports integer not null,
    q2_late    integer not null,
    q3_reports integer not null,
    q3_late    integer not null,
    q4_reports integer not null,
    q4_late    integer not null
);
create index ix_ledger_tally_year on ledger_tally (plan_year);

-- An entry's old values counted -1, its new ones +1. Plain statements of the trigger function, whose plans
-- PL/pgSQL keeps for the session (an SQL function called from it was planned again at every call).
create function ledger_tally_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into ledger_tally (plan_year, light, stage, category, lead_unit, entries,
            q1_reports, q1_late, q2_reports, q2_late, q3_reports, q3_late, q4_reports, q4_late)
        values (new.plan_year, new.light, new.stage, new.category, new.lead_unit, 1,
                (new.report_q1_late is not null)::integer, (coalesce(new.report_q1_late, 0) > 0)::integer,
                (new.report_q2_late is not null)::integer, (coalesce(new.report_q2_late, 0) > 0)::integer,
                (new.report_q3_late is not null)::integer, (coalesce(new.report_q3_late, 0) > 0)::integer,
                (new.report_q4_late is not null)::integer, (coalesce(new.report_q4_late, 0) > 0)::integer);
    elsif tg_op = 'DELETE' then
        insert into ledger_tally (plan_year, light, stage, category, lead_unit, entries,
            q1_reports, q1_late, q2_reports, q2_late, q3_reports, q3_late, q4_reports, q4_late)
        values (old.plan_year, old.light, old.stage, old.category, old.lead_unit, -1,
                -(old.report_q1_late is not null)::integer, -(coalesce(old.report_q1_late, 0) > 0)::integer,
                -(old.report_q2_late is not null)::integer, -(coalesce(old.report_q2_late, 0) > 0)::integer,
                -(old.report_q3_late is not null)::integer, -(coalesce(old.report_q3_late, 0) > 0)::integer,
                -(old.report_q4_late is not null)::integer, -(coalesce(old.report_q4_late, 0) > 0)::integer);
    else
        insert into ledger_tally (plan_year, light, stage, category, lead_unit, entries,
            q1_reports, q1_late, q2_reports, q2_late, q3_reports, q3_late, q4_reports, q4_late)
        values (old.plan_year, old.light, old.stage, old.category, old.lead_unit, -1,
                -(old.report_q1_late is not null)::integer, -(coalesce(old.report_q1_late, 0) > 0)::integer,
                -(old.report_q2_late is not null)::integer, -(coalesce(old.report_q2_late, 0) > 0)::integer,
                -(old.report_q3_late is not null)::integer, -(coalesce(old.report_q3_late, 0) > 0)::integer,
                -(old.report_q4_late is not null)::integer, -(coalesce(old.report_q4_late, 0) > 0)::integer),
               (new.plan_year, new.light, new.stage, new.category, new.lead_unit, 1,
                (new.report_q1_late is not null)::integer, (coalesce(new.report_q1_late, 0) > 0)::integer,
                (new.report_q2_late is not null)::integer, (coalesce(new.report_q2_late, 0) > 0)::integer,
                (new.report_q3_late is not null)::integer, (coalesce(new.report_q3_late, 0) > 0)::integer,
                (new.report_q4_late is not null)::integer, (coalesce(new.report_q4_late, 0) > 0)::integer);
    end if;
    return null;
end
$$;

create trigger ledger_tally_entry_added_or_removed after insert or delete on ledger_entry
    for each row execute function ledger_tally_change();
-- most updates of an entry (its open step, its latest report, its search text) change nothing counted: no row
create trigger ledger_tally_entry_changed after update on ledger_entry
    for each row when (
        old.plan_year is distinct from new.plan_year
        or old.light is distinct from new.light
        or old.stage is distinct from new.stage
        or old.category is distinct from new.category
        or old.lead_unit is distinct from new.lead_unit
        or old.report_q1_late is distinct from new.report_q1_late
        or old.report_q2_late is distinct from new.report_q2_late
        or old.report_q3_late is distinct from new.report_q3_late
        or old.report_q4_late is distinct from new.report_q4_late)
    execute function ledger_tally_change();

insert into ledger_tally (plan_year, light, stage, category, lead_unit, entries,
    q1_reports, q1_late, q2_reports, q2_late, q3_reports, q3_late, q4_reports, q4_late)
select plan_year, light, stage, category, lead_unit, count(*),
    count(report_q1_late), count(*) filter (where report_q1_late > 0),
    count(report_q2_late), count(*) filter (where report_q2_late > 0),
    count(report_q3_late), count(*) filter (where report_q3_late > 0),
    count(report_q4_late), count(*) filter (where report_q4_late > 0)
from ledger_entry group by plan_year, light, stage, category, lead_unit;

-- The dashboard's overdue tasks by lead unit (an entry's earliest open step due before today) change with the day,
-- not with a write: counted at each request from this index, reading the overdue entries of the year only.
create index ix_ledger_entry_overdue on ledger_entry (plan_year, step_due, lead_unit);
