-- A delivery being sent is claimed by one job execution until its job lock expires (claimed_until), by
-- whom (claimed_by: the job executor's lock owner). A later execution of the same job may take a claim over
-- only once it has expired: the claimant's node died or gave up, so Camunda let the job run elsewhere.
alter table reminder_delivery add column claimed_by varchar(255);
alter table reminder_delivery add column claimed_until timestamp with time zone;
