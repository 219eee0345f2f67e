-- At most one pending 延期申请 per task, enforced by the database (two tabs or clients submitting at
-- the same moment): pending_task_id holds the task id while the request is pending, null afterwards.
alter table extension_request add column pending_task_id varchar(64);
update extension_request set pending_task_id = camunda_task_id where status = 'PENDING';
create unique index ux_extension_request_pending on extension_request (pending_task_id);
