-- The ledger of one plan year sorted by code (a deep page: page 20 of 10,000 entries): H2 took the year index for
-- the year and sorted all the year's entries (4–5 ms at 10,000 entries) rather than read the code index, whose order
-- does not start with the year. LedgerQuery writes that order as (plan_year, task_code) when a year is chosen, which
-- this index holds: both databases read the page's entries in index order (H2: 400 entries, 0.09 ms).
create index ix_ledger_entry_year_code on ledger_entry (plan_year, task_code);
