package cn.reformoffice.platform.calendar;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Persistence of the yearly arrangements (tables working_calendar_year and working_calendar_day). */
@Repository
class CalendarRepository {

    private final JdbcClient jdbc;

    CalendarRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<YearArrangement> findAll() {
        Map<Integer, List<CalendarDay>> days = new HashMap<>();
        jdbc.sql("""
                select calendar_year, calendar_date, name, off_day from working_calendar_day
                order by calendar_year, calendar_date""")
                .query((ResultSet rs) -> {
                    days.computeIfAbsent(rs.getInt("calendar_year"), year -> new ArrayList<>())
                            .add(new CalendarDay(rs.getObject("calendar_date", LocalDate.class), rs.getString("name"),
                                    rs.getBoolean("off_day")));
                });
        return jdbc.sql("select * from working_calendar_year order by calendar_year")
                .query((rs, row) -> mapYear(rs, days.getOrDefault(rs.getInt("calendar_year"), List.of()))).list();
    }

    Optional<YearArrangement> find(int year) {
        List<CalendarDay> days = jdbc.sql("""
                select calendar_date, name, off_day from working_calendar_day where calendar_year = ?
                order by calendar_date""").param(year)
                .query((rs, row) -> new CalendarDay(rs.getObject("calendar_date", LocalDate.class), rs.getString("name"),
                        rs.getBoolean("off_day")))
                .list();
        return jdbc.sql("select * from working_calendar_year where calendar_year = ?").param(year)
                .query((rs, row) -> mapYear(rs, days)).optional();
    }

    /** The year's source, locking its row until the transaction ends; empty if the year has no arrangement. */
    Optional<CalendarSource> lockYear(int year) {
        return jdbc.sql("select source from working_calendar_year where calendar_year = ? for update").param(year)
                .query((rs, row) -> CalendarSource.valueOf(rs.getString("source"))).optional();
    }

    /** Replaces the year's arrangement; the caller holds the year's lock if it exists. */
    void save(YearArrangement arrangement, boolean exists) {
        String papers = arrangement.papers().isEmpty() ? null : String.join("\n", arrangement.papers());
        if (exists) {
            jdbc.sql("""
                    update working_calendar_year set source = ?, papers = ?, updated_by = ?, updated_at = ?
                    where calendar_year = ?""")
                    .params(arrangement.source().name(), papers, arrangement.updatedBy(), arrangement.updatedAt(),
                            arrangement.year())
                    .update();
            jdbc.sql("delete from working_calendar_day where calendar_year = ?").param(arrangement.year()).update();
        } else {
            jdbc.sql("""
                    insert into working_calendar_year (calendar_year, source, papers, updated_by, updated_at)
                    values (?, ?, ?, ?, ?)""")
                    .params(arrangement.year(), arrangement.source().name(), papers, arrangement.updatedBy(),
                            arrangement.updatedAt())
                    .update();
        }
        for (CalendarDay day : arrangement.days()) {
            jdbc.sql("""
                    insert into working_calendar_day (calendar_year, calendar_date, name, off_day)
                    values (?, ?, ?, ?)""")
                    .params(arrangement.year(), day.date(), day.name(), day.isOffDay()).update();
        }
    }

    private static YearArrangement mapYear(ResultSet rs, List<CalendarDay> days) throws SQLException {
        String papers = rs.getString("papers");
        return new YearArrangement(rs.getInt("calendar_year"), CalendarSource.valueOf(rs.getString("source")),
                papers == null ? List.of() : Arrays.asList(papers.split("\n")), days, rs.getString("updated_by"),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
