-- The dashboard's 督办单 by month of a plan year (event_type = 'NOTICE' and plan_year = ?, grouped by the month of
-- occurred_on) read every notice event's row because the year index lacked the date: ~1,300 pages at 10,000 tasks
-- on PostgreSQL. With occurred_on right after the year, PostgreSQL answers it from the index alone. The other
-- columns stay (queries on an event type may still read them from the index), so each event written updates as
-- many indexes as before.
drop index ix_ledger_event_year;
create index ix_ledger_event_year on ledger_event (event_type, plan_year, occurred_on, first_report, unit_id,
    quarter_label, late_days);
