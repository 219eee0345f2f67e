package cn.reformoffice.platform.webapp;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.ReformPlatformApplication;
import cn.reformoffice.platform.calendar.WorkingCalendar;

/**
 * Where "即将到期" (due soon) ends, for the Tasklist filter of that name: the end of the China day that
 * is {@code reform.tasklist.due-soon-working-days} working days after today (default 3), counted on the
 * working calendar, so a task due right after the Spring Festival holiday shows up before it starts.
 * The filter calls {@link #dueSoonLimit()} through an expression each time it is opened; the engine's
 * clock is used, so tests that move it see the window move.
 */
@Component(TasklistDueWindow.BEAN)
public class TasklistDueWindow {

    static final String BEAN = "tasklistDueWindow";
    private static final ZoneId CHINA = ZoneId.of(ReformPlatformApplication.CHINA_ZONE);

    private final WorkingCalendar calendar;
    private final int workingDays;

    TasklistDueWindow(WorkingCalendar calendar,
            @Value("${reform.tasklist.due-soon-working-days:3}") int workingDays) {
        if (workingDays < 1) {
            throw new IllegalArgumentException("reform.tasklist.due-soon-working-days must be at least 1");
        }
        this.calendar = calendar;
        this.workingDays = workingDays;
    }

    public Date dueSoonLimit() {
        LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(CHINA).toLocalDate();
        LocalDate last = calendar.addWorkingDays(today, workingDays);
        return Date.from(last.plusDays(1).atStartOfDay(CHINA).toInstant());
    }
}
