package cn.reformoffice.platform.calendar;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Working-day arithmetic on the shipped arrangements 2020–2026; expected dates checked against the files. */
@ExtendWith(OutputCaptureExtension.class)
class WorkingCalendarTest {

    private static WorkingCalendar calendar;
    private static WorkingCalendar countingStartDay;

    @BeforeAll
    static void loadShippedYears() throws Exception {
        CalendarTestDatabase database = new CalendarTestDatabase("workingcalendartest");
        calendar = database.calendar(false, Duration.ofHours(1));
        countingStartDay = database.calendar(true, Duration.ofHours(1));
        assertThat(database.loader(database.service(calendar)).load()).isEqualTo(7);
    }

    @Test
    void theAnnouncedYears2020To2026AreKnownAnd2027IsNot() {
        assertThat(calendar.knownYears()).containsExactlyElementsOf(IntStream.rangeClosed(2020, 2026).boxed().toList());
        assertThat(calendar.isProvisional(of(2026, 12, 31))).isFalse();
        assertThat(calendar.isProvisional(of(2027, 1, 4))).isTrue();
        assertThat(calendar.isProvisional(of(2019, 12, 31))).isTrue();
    }

    @Test
    void springFestival2026MovesTwoSaturdaysToWorkingDays() {
        assertThat(calendar.isWorkingDay(of(2026, 2, 13))).isTrue();
        assertThat(calendar.isWorkingDay(of(2026, 2, 14))).as("Saturday, make-up day").isTrue();
        assertThat(calendar.isWorkingDay(of(2026, 2, 15))).isFalse();
        assertThat(calendar.isWorkingDay(of(2026, 2, 16))).as("Monday of Spring Festival").isFalse();
        assertThat(calendar.isWorkingDay(of(2026, 2, 23))).as("Monday, last day off").isFalse();
        assertThat(calendar.isWorkingDay(of(2026, 2, 24))).isTrue();
        assertThat(calendar.isWorkingDay(of(2026, 2, 28))).as("Saturday, make-up day").isTrue();
        assertThat(calendar.isWorkingDay(of(2026, 3, 7))).as("ordinary Saturday").isFalse();
    }

    @Test
    void springFestivalAndNationalDayOfEarlierYears() {
        // 2024: 2月10日至17日放假, 2月4日(周日)、2月18日(周日)上班
        assertThat(calendar.isWorkingDay(of(2024, 2, 4))).isTrue();
        assertThat(IntStream.rangeClosed(10, 17).mapToObj(day -> of(2024, 2, day))).noneMatch(calendar::isWorkingDay);
        assertThat(calendar.isWorkingDay(of(2024, 2, 18))).isTrue();
        // 2025: 10月1日至8日放假, 9月28日(周日)、10月11日(周六)上班
        assertThat(calendar.isWorkingDay(of(2025, 9, 28))).isTrue();
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(day -> of(2025, 10, day))).noneMatch(calendar::isWorkingDay);
        assertThat(calendar.isWorkingDay(of(2025, 10, 11))).isTrue();
        // 2023: 中秋国庆 9月29日至10月6日放假, 10月7日、8日(周末)上班
        assertThat(calendar.isWorkingDay(of(2023, 9, 29))).isFalse();
        assertThat(calendar.isWorkingDay(of(2023, 10, 7))).isTrue();
        assertThat(calendar.isWorkingDay(of(2023, 10, 8))).isTrue();
        // 2020: Spring Festival extended to 2 February, the make-up Saturday 1 February cancelled
        assertThat(calendar.isWorkingDay(of(2020, 1, 31))).isFalse();
        assertThat(calendar.isWorkingDay(of(2020, 2, 1))).isFalse();
        assertThat(calendar.isWorkingDay(of(2020, 2, 3))).isTrue();
    }

    @Test
    void countingAcrossSpringFestival2026() {
        // 2/14 (Sat, make-up) is day 1, 2/15–2/23 off, then 2/24, 2/25, 2/26, 2/27
        assertThat(calendar.addWorkingDays(of(2026, 2, 13), 5)).isEqualTo(of(2026, 2, 27));
        assertThat(calendar.addWorkingDays(of(2026, 2, 14), 1)).isEqualTo(of(2026, 2, 24));
        assertThat(calendar.nextWorkingDay(of(2026, 2, 14))).isEqualTo(of(2026, 2, 24));
        assertThat(calendar.nextWorkingDay(of(2026, 2, 27))).isEqualTo(of(2026, 2, 28));
        assertThat(calendar.workingDaysBetween(of(2026, 2, 13), of(2026, 2, 27))).isEqualTo(5);
        assertThat(calendar.workingDaysBetween(of(2026, 2, 14), of(2026, 2, 23))).isZero();
    }

    @Test
    void countingAcrossNationalDay2025() {
        // 10/9 Thu, 10/10 Fri, 10/11 Sat (make-up)
        assertThat(calendar.addWorkingDays(of(2025, 9, 30), 3)).isEqualTo(of(2025, 10, 11));
        // 9/28 Sun (make-up), 9/29, 9/30, 10/9, 10/10
        assertThat(calendar.addWorkingDays(of(2025, 9, 26), 5)).isEqualTo(of(2025, 10, 10));
        assertThat(calendar.workingDaysBetween(of(2025, 9, 26), of(2025, 10, 10))).isEqualTo(5);
    }

    @Test
    void subtractingWorkingDaysSkipsTheHolidayBackwards() {
        // reminders before a due date of 2025-10-09: 9/30, 9/29, then 9/28 (Sunday, make-up day)
        assertThat(calendar.subtractWorkingDays(of(2025, 10, 9), 1)).isEqualTo(of(2025, 9, 30));
        assertThat(calendar.subtractWorkingDays(of(2025, 10, 9), 2)).isEqualTo(of(2025, 9, 29));
        assertThat(calendar.subtractWorkingDays(of(2025, 10, 9), 3)).isEqualTo(of(2025, 9, 28));
        // 2024-02-19: 2/18 (Sunday, make-up), then 2/9 before the holiday
        assertThat(calendar.subtractWorkingDays(of(2024, 2, 19), 2)).isEqualTo(of(2024, 2, 9));
        assertThat(calendar.subtractWorkingDays(of(2026, 2, 22), 0)).isEqualTo(of(2026, 2, 14));
        assertThat(calendar.subtractWorkingDays(of(2026, 2, 24), 0)).isEqualTo(of(2026, 2, 24));
    }

    @Test
    void countStartDaySettingDecidesWhetherAWorkingStartDayIsDayOne() {
        LocalDate friday = of(2026, 2, 13);
        assertThat(calendar.addWorkingDays(friday, 1)).isEqualTo(of(2026, 2, 14));
        assertThat(countingStartDay.addWorkingDays(friday, 1)).isEqualTo(friday);
        assertThat(countingStartDay.addWorkingDays(friday, 5)).isEqualTo(of(2026, 2, 26));
        // a start day off never counts
        assertThat(calendar.addWorkingDays(of(2026, 2, 21), 1)).isEqualTo(of(2026, 2, 24));
        assertThat(countingStartDay.addWorkingDays(of(2026, 2, 21), 1)).isEqualTo(of(2026, 2, 24));
        // n = 0: the start day if it is a working day, else the next one, whatever the setting
        for (WorkingCalendar either : new WorkingCalendar[] { calendar, countingStartDay }) {
            assertThat(either.addWorkingDays(friday, 0)).isEqualTo(friday);
            assertThat(either.addWorkingDays(of(2026, 2, 15), 0)).isEqualTo(of(2026, 2, 24));
        }
    }

    @Test
    void a2027DeadlineCountsMondayToFridayAndIsProvisional(CapturedOutput output) {
        // 2026-12-31 Thu, 2027-01-01 Fri (no arrangement yet, so a working day), 2027-01-04 Mon
        LocalDate due = calendar.addWorkingDays(of(2026, 12, 30), 3);
        assertThat(due).isEqualTo(of(2027, 1, 4));
        assertThat(calendar.isProvisional(due)).isTrue();
        assertThat(calendar.isProvisional(of(2026, 12, 30), due)).isTrue();
        assertThat(output).contains("No holiday arrangement for 2027").contains("provisional");

        assertThat(calendar.isProvisional(of(2026, 1, 5), of(2026, 12, 31))).isFalse();
    }

    @Test
    void countingWithinAnnouncedYearsLogsNoWarning(CapturedOutput output) {
        calendar.addWorkingDays(of(2025, 12, 29), 10);
        assertThat(output).doesNotContain("No holiday arrangement");
    }

    @Test
    void negativeCountsAreRefusedAndEmptyRangesCountZero() {
        assertThatThrownBy(() -> calendar.addWorkingDays(of(2026, 1, 5), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.subtractWorkingDays(of(2026, 1, 5), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(calendar.workingDaysBetween(of(2026, 1, 5), of(2026, 1, 5))).isZero();
        assertThat(calendar.workingDaysBetween(of(2026, 1, 9), of(2026, 1, 5))).isZero();
    }
}
