package cn.reformoffice.platform.reminder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import cn.reformoffice.platform.ReformPlatformApplication;
import cn.reformoffice.platform.calendar.WorkingCalendar;

/**
 * The reminders of one task, in working days around its due date, at the reminder time (China):
 * 临期提醒 N working days before, 逾期催办 on the first working day after, 升级督办 M working days
 * after and then every K working days until the task ends.
 */
final class ReminderSchedule {

    static final ZoneId CHINA = ZoneId.of(ReformPlatformApplication.CHINA_ZONE);
    private static final int MAX_ESCALATIONS = 500;

    record Planned(Level level, int sequence, Instant at) {
    }

    private final WorkingCalendar calendar;
    private final LocalTime reminderTime;

    ReminderSchedule(WorkingCalendar calendar, LocalTime reminderTime) {
        this.calendar = calendar;
        this.reminderTime = reminderTime;
    }

    /** The first reminder strictly after {@code after}, if the rules leave one. */
    Optional<Planned> next(LocalDate due, ReminderRules rules, Instant after) {
        if (rules.dueSoonDays() > 0) {
            Instant at = at(calendar.subtractWorkingDays(due, rules.dueSoonDays()));
            if (at.isAfter(after)) {
                return Optional.of(new Planned(Level.DUE_SOON, 1, at));
            }
        }
        if (rules.urgeWhenOverdue()) {
            Instant at = at(calendar.nextWorkingDay(due));
            if (at.isAfter(after)) {
                return Optional.of(new Planned(Level.URGE, 1, at));
            }
        }
        if (rules.escalateAfterDays() > 0) {
            int days = rules.escalateAfterDays();
            for (int sequence = 1; sequence <= MAX_ESCALATIONS; sequence++) {
                Instant at = at(calendar.addWorkingDays(due, days));
                if (at.isAfter(after)) {
                    return Optional.of(new Planned(Level.ESCALATION, sequence, at));
                }
                if (rules.repeatEveryDays() <= 0) {
                    break;
                }
                days += rules.repeatEveryDays();
            }
        }
        return Optional.empty();
    }

    private Instant at(LocalDate day) {
        return day.atTime(reminderTime).atZone(CHINA).toInstant();
    }
}
