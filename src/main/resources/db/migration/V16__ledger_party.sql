-- The parties of each ledger entry with the entry's year and light: a unit's or a user's light counts (2,334 of
-- 10,000 tasks) read here from one index range, where counting them from ledger_entry joined every entry of the year
-- to the parties (10,000 tasks: ~2.7 ms on PostgreSQL, 3.4–5.4 ms on H2). Kept by LedgerRecorder with the entry:
-- written again when the parties change, its year and light updated with the entry's.
create table ledger_party (
    task_id   bigint      not null references ledger_entry (task_id) on delete cascade,
    role      varchar(16) not null,
    party_id  varchar(64) not null,
    plan_year integer,
    light     varchar(16) not null,
    primary key (task_id, role, party_id)
);
create index ix_ledger_party_counts on ledger_party (party_id, plan_year, light, role, task_id);
insert into ledger_party (task_id, role, party_id, plan_year, light)
select distinct p.task_id, p.role, p.party_id, e.plan_year, e.light
from reform_task_party p join ledger_entry e on e.task_id = p.task_id;
