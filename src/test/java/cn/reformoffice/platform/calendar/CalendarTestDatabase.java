package cn.reformoffice.platform.calendar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The calendar's real classes on an in-memory H2 database migrated by the application's Flyway scripts,
 * without a Spring context; events are collected in {@link #events}.
 */
final class CalendarTestDatabase {

    final JdbcDataSource dataSource = new JdbcDataSource();
    final CalendarRepository repository;
    final List<Object> events = new ArrayList<>();

    CalendarTestDatabase(String name) {
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        repository = new CalendarRepository(JdbcClient.create(dataSource));
    }

    WorkingCalendar calendar(boolean countStartDay, Duration cacheTtl) {
        return new WorkingCalendar(repository, new CalendarProperties(countStartDay, cacheTtl));
    }

    CalendarService service(WorkingCalendar calendar) {
        return new CalendarService(repository, calendar, events::add, new DataSourceTransactionManager(dataSource));
    }

    ShippedHolidayLoader loader(CalendarService service) {
        return new ShippedHolidayLoader(service, new ObjectMapper());
    }
}
