-- Plan imports (年度工作要点 / 工作台账). A preview is stored so that it can be confirmed on any node and
-- after a restart; it expires unless confirmed. A confirmed import stays as the record of who imported what.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

create table plan_import (
    id             varchar(36)   primary key,
    file_name      varchar(500),
    format         varchar(16)   not null,
    plan_year      integer       not null,
    task_count     integer       not null,
    status         varchar(16)   not null,
    plan_json      text          not null,
    result_json    text,
    error_message  varchar(4000),
    progress_done  integer       not null,
    progress_total integer       not null,
    created_by     varchar(64)   not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    expires_at     timestamp with time zone not null,
    confirmed_by   varchar(64),
    confirmed_at   timestamp with time zone
);
create index ix_plan_import_status on plan_import (status, expires_at);

-- How the office resolved a name the organization did not know (市发改局 → fgw, or ignore it);
-- later imports apply it unless told otherwise.
create table plan_import_name (
    role       varchar(16)  not null,
    name       varchar(200) not null,
    action     varchar(16)  not null,
    target_id  varchar(64),
    updated_by varchar(64)  not null,
    updated_at timestamp with time zone not null,
    primary key (role, name)
);
