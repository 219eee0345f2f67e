-- The working-day calendar (工作日历): China's holiday arrangement of each year, loaded from the
-- shipped holiday-cn files at start-up or maintained by the reform office through /api/calendar.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

-- One row per year that has an announced arrangement; a year without a row counts Monday to Friday.
-- source: SHIPPED (the product's data files, refreshed by a release) or OFFICE (entered by the office,
-- never overwritten by the shipped files).
create table working_calendar_year (
    calendar_year integer       not null primary key,
    source        varchar(16)   not null,
    papers        varchar(4000),
    updated_by    varchar(64),
    updated_at    timestamp with time zone not null
);

-- The days a notice names: holidays (off_day = true) and make-up working days (off_day = false).
-- A notice may name days of the previous December (元旦 of 2023 began on 2022-12-31).
create table working_calendar_day (
    calendar_year integer      not null references working_calendar_year (calendar_year) on delete cascade,
    calendar_date date         not null,
    name          varchar(100) not null,
    off_day       boolean      not null,
    primary key (calendar_year, calendar_date)
);
