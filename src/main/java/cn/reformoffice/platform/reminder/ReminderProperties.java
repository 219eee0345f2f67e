package cn.reformoffice.platform.reminder;

import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Deadlines and reminder times. {@code stageWorkingDays}: working days a stage gets, by user task id
 * (activity id); the close-out application is due on the task's own deadline and a rectification on
 * the date the inspection set.
 *
 * @param reminderTime     time of day (China) reminders go out, inside office hours
 * @param dueTime          time of day (China) a due date ends
 * @param noticePrefix     issuing office's prefix of supervision notice numbers, e.g. 江改督〔2026〕3号
 * @param noticeReplyWorkingDays working days a 督办单 gives the unit to finish and report back when the
 *                         stage's reminder rules repeat no notice (otherwise the repeat interval: the next
 *                         notice would come then); default 5
 */
@ConfigurationProperties("reform.reminders")
public record ReminderProperties(LocalTime reminderTime, LocalTime dueTime, Integer defaultWorkingDays,
        Map<String, Integer> stageWorkingDays, String noticePrefix, Integer noticeReplyWorkingDays) {

    static final Map<String, Integer> DEFAULT_STAGE_DAYS = Map.of(
            "Task_DraftPlan", 20,
            "Task_LeaderApprovePlan", 5,
            "Task_OfficeApprovePlan", 5,
            "Task_SubmitQuarterlyReport", 5,
            "Task_ReconcileReport", 5,
            "Task_Inspect", 10,
            "Task_Rectify", 15,
            "Task_Recheck", 5,
            "Task_ReviewCloseOut", 10);

    public ReminderProperties {
        reminderTime = reminderTime == null ? LocalTime.of(9, 0) : reminderTime;
        dueTime = dueTime == null ? LocalTime.of(18, 0) : dueTime;
        defaultWorkingDays = defaultWorkingDays == null ? 10 : defaultWorkingDays;
        Map<String, Integer> days = new HashMap<>(DEFAULT_STAGE_DAYS);
        if (stageWorkingDays != null) {
            days.putAll(stageWorkingDays);
        }
        stageWorkingDays = Map.copyOf(days);
        noticePrefix = noticePrefix == null ? "改督" : noticePrefix;
        noticeReplyWorkingDays = noticeReplyWorkingDays == null || noticeReplyWorkingDays < 1 ? 5
                : noticeReplyWorkingDays;
    }

    int workingDaysFor(String activityId) {
        return stageWorkingDays.getOrDefault(activityId, defaultWorkingDays);
    }
}
