package cn.reformoffice.platform.calendar;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changing a year: exactly the changed days are reported, the cache follows, the shipped files keep out. */
class CalendarServiceTest {

    private static int databases;

    private CalendarTestDatabase database;
    private WorkingCalendar calendar;
    private CalendarService service;
    private ShippedHolidayLoader loader;

    @BeforeEach
    void loadShippedYears() throws Exception {
        database = new CalendarTestDatabase("calendarservicetest" + ++databases);
        calendar = database.calendar(false, Duration.ofHours(1));
        service = database.service(calendar);
        loader = database.loader(service);
        loader.load();
        database.events.clear();
    }

    @Test
    void officeCorrectionReportsExactlyTheDaysWhoseStatusChanged() {
        assertThat(calendar.isWorkingDay(of(2025, 12, 31))).isTrue();
        List<CalendarDay> corrected = new ArrayList<>(database.repository.find(2025).orElseThrow().days());
        corrected.removeIf(day -> day.date().equals(of(2025, 10, 11)));         // make-up Saturday dropped
        corrected.replaceAll(day -> day.date().equals(of(2025, 10, 1))          // renamed only
                ? new CalendarDay(day.date(), "国庆节", true) : day);
        corrected.add(new CalendarDay(of(2025, 12, 27), "测试", true));          // a Saturday anyway
        corrected.add(new CalendarDay(of(2025, 12, 31), "测试", true));          // a Wednesday off

        CalendarChangedEvent event = service.replaceByOffice(2025, corrected, null, "office1");

        assertThat(event.changedDays()).containsExactly(of(2025, 10, 11), of(2025, 12, 31));
        assertThat(database.events).containsExactly(event);
        // applied at once on this node although the cache lives an hour
        assertThat(calendar.isWorkingDay(of(2025, 10, 11))).isFalse();
        assertThat(calendar.isWorkingDay(of(2025, 12, 31))).isFalse();
        YearArrangement stored = database.repository.find(2025).orElseThrow();
        assertThat(stored.source()).isEqualTo(CalendarSource.OFFICE);
        assertThat(stored.updatedBy()).isEqualTo("office1");
        assertThat(stored.papers()).containsExactly("https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm");
    }

    @Test
    void aNewYearMayNameThePreviousDecemberAndItsNoticeDecides() {
        List<CalendarDay> year2027 = List.of(new CalendarDay(of(2026, 12, 31), "元旦", true),
                new CalendarDay(of(2027, 1, 1), "元旦", true), new CalendarDay(of(2027, 1, 2), "元旦", true));

        CalendarChangedEvent event = service.replaceByOffice(2027, year2027, List.of(), "office1");

        assertThat(event.year()).isEqualTo(2027);
        assertThat(event.changedDays()).containsExactly(of(2026, 12, 31), of(2027, 1, 1));
        assertThat(calendar.isWorkingDay(of(2026, 12, 31))).isFalse();
        assertThat(calendar.isProvisional(of(2027, 6, 1))).isFalse();
        assertThat(calendar.knownYears()).contains(2027);
        assertThat(calendar.addWorkingDays(of(2026, 12, 30), 1)).isEqualTo(of(2027, 1, 4));
    }

    @Test
    void restartLoadsNothingAgainAndKeepsTheOfficesYear() throws Exception {
        List<CalendarDay> office2026 = List.of(new CalendarDay(of(2026, 10, 1), "国庆节", true));
        service.replaceByOffice(2026, office2026, null, "office1");
        database.events.clear();

        assertThat(loader.load()).isZero();

        assertThat(database.events).isEmpty();
        assertThat(database.repository.find(2026).orElseThrow().days()).isEqualTo(office2026);
        assertThat(calendar.isWorkingDay(of(2026, 2, 16))).as("office dropped Spring Festival").isTrue();
    }

    @Test
    void aReleaseWithCorrectedDataReplacesAnOlderShippedYear() throws Exception {
        List<CalendarDay> shipped2024 = database.repository.find(2024).orElseThrow().days();
        service.loadShipped(2024, shipped2024.subList(0, 1), List.of());
        database.events.clear();

        assertThat(loader.load()).isEqualTo(1);

        assertThat(database.repository.find(2024).orElseThrow().days()).isEqualTo(shipped2024);
        assertThat(database.events).singleElement().isInstanceOfSatisfying(CalendarChangedEvent.class,
                event -> assertThat(event.changedDays()).contains(of(2024, 2, 4), of(2024, 2, 12)));
    }

    @Test
    void anotherNodeSeesAChangeOnceItsCacheExpires() {
        WorkingCalendar otherNodeLongCache = database.calendar(false, Duration.ofHours(1));
        WorkingCalendar otherNodeNoCache = database.calendar(false, Duration.ZERO);
        LocalDate wednesday = of(2026, 12, 30);
        assertThat(otherNodeLongCache.isWorkingDay(wednesday)).isTrue();

        List<CalendarDay> days = new ArrayList<>(database.repository.find(2026).orElseThrow().days());
        days.add(new CalendarDay(wednesday, "测试", true));
        service.replaceByOffice(2026, days, null, "office1");

        assertThat(calendar.isWorkingDay(wednesday)).isFalse();
        assertThat(otherNodeNoCache.isWorkingDay(wednesday)).isFalse();
        assertThat(otherNodeLongCache.isWorkingDay(wednesday)).as("until its TTL ends").isTrue();
    }
}
