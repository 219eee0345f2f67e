package cn.reformoffice.platform.reminder;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.task.ReformTask;

/**
 * Due dates of user tasks in working days (次日起算 by default, see the calendar's setting):
 * per stage from {@link ReminderProperties}; the close-out application on the reform task's own
 * deadline; a rectification on the date the inspection set.
 */
@Component
class DueDates {

    private static final Logger LOG = LoggerFactory.getLogger(DueDates.class);

    private final WorkingCalendar calendar;
    private final ReminderProperties properties;

    DueDates(WorkingCalendar calendar, ReminderProperties properties) {
        this.calendar = calendar;
        this.properties = properties;
    }

    LocalDate dueDate(DelegateTask task, ReformTask reformTask) {
        // only a rectification reads the variable (a new task's own variables are looked up in the database)
        Object rectificationDeadline = "Task_Rectify".equals(task.getTaskDefinitionKey())
                ? task.getVariable("rectificationDeadline") : null;
        return dueDate(task.getTaskDefinitionKey(), today(), reformTask, rectificationDeadline, task.getName());
    }

    /** The due date of a task of the given stage created on {@code created}. */
    LocalDate dueDate(String activity, LocalDate created, ReformTask reformTask, Object rectificationDeadline,
            String taskName) {
        if ("Task_ImplementAndApplyCloseOut".equals(activity) && reformTask.deadline() != null) {
            return reformTask.deadline();
        }
        if ("Task_Rectify".equals(activity) && rectificationDeadline instanceof String date) {
            try {
                return LocalDate.parse(date.length() > 10 ? date.substring(0, 10) : date);
            } catch (DateTimeParseException e) {
                LOG.warn("Rectification deadline '{}' of {} is not a date; using the default", date,
                        reformTask.code());
            }
        }
        LocalDate due = calendar.addWorkingDays(created, properties.workingDaysFor(activity));
        if (calendar.isProvisional(due) || calendar.isProvisional(created)) {
            LOG.warn("Due date {} of {} ({}) is provisional: no holiday arrangement for its year, Monday-Friday assumed",
                    due, reformTask.code(), taskName);
        }
        return due;
    }

    Date endOfDay(LocalDate day) {
        return Date.from(LocalDateTime.of(day, properties.dueTime()).atZone(ReminderSchedule.CHINA).toInstant());
    }

    static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(ReminderSchedule.CHINA).toLocalDate();
    }

    static LocalDate toChinaDate(Date date) {
        return date.toInstant().atZone(ReminderSchedule.CHINA).toLocalDate();
    }
}
