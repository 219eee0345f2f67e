package cn.reformoffice.platform.reminder;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.calendar.WorkingCalendar;

/** 计划下次提醒: the next reminder of the watched task after the last one sent (or after now). */
@Component("planNextReminderDelegate")
class PlanNextReminderDelegate implements JavaDelegate {

    private final WorkingCalendar calendar;
    private final ReminderProperties properties;
    private final ReminderRuleTable ruleTable;

    PlanNextReminderDelegate(WorkingCalendar calendar, ReminderProperties properties, ReminderRuleTable ruleTable) {
        this.calendar = calendar;
        this.properties = properties;
        this.ruleTable = ruleTable;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Optional<ReminderSchedule.Planned> next = plan(execution);
        execution.setVariable("nextReminderAt", next.map(p -> Date.from(p.at())).orElse(null));
        execution.setVariable("nextReminderLevel", next.map(p -> p.level().name()).orElse(null));
        execution.setVariable("reminderSequence", next.map(ReminderSchedule.Planned::sequence).orElse(0));
    }

    Optional<ReminderSchedule.Planned> plan(DelegateExecution execution) {
        String taskId = (String) execution.getVariable("taskId");
        // the entity cache also sees a task created in this very transaction
        if (Context.getCommandContext().getTaskManager().findTaskById(taskId) == null) {
            return Optional.empty();
        }
        ReminderRules rules = ruleTable.rulesFor((String) execution.getVariable("stage"));
        Date last = (Date) execution.getVariable("lastReminderAt");
        Instant after = last != null ? last.toInstant() : ClockUtil.getCurrentTime().toInstant();
        return new ReminderSchedule(calendar, properties.reminderTime())
                .next(DueDates.toChinaDate((Date) execution.getVariable("dueDate")), rules, after);
    }
}
