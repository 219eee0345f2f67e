package cn.reformoffice.platform.reminder;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.reformoffice.platform.reminder.ReminderRepository.DeliveryRow;
import cn.reformoffice.platform.reminder.ReminderRepository.ReminderRow;
import cn.reformoffice.platform.security.CurrentUser;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * The reminder record (留痕): who was reminded of which task, at which level, through which channel,
 * when, delivered or failed. The office sees all; others the reminders of tasks they take part in.
 */
@RestController
@RequestMapping("/api/reminders")
class ReminderController {

    private final ReminderRepository reminders;
    private final ReformTaskService tasks;
    private final CurrentUser currentUser;

    ReminderController(ReminderRepository reminders, ReformTaskService tasks, CurrentUser currentUser) {
        this.reminders = reminders;
        this.tasks = tasks;
        this.currentUser = currentUser;
    }

    record ReminderView(ReminderRow reminder, String levelLabel, List<DeliveryRow> deliveries) {
    }

    @GetMapping
    List<ReminderView> list(@RequestParam(required = false) String taskCode) {
        List<ReminderRow> rows;
        if (taskCode == null) {
            currentUser.requireOffice("查看全部催办记录");
            rows = reminders.findAll(500);
        } else {
            rows = reminders.findByTask(tasks.getReadable(taskCode, currentUser, "的催办记录").code());
        }
        return rows.stream().map(r -> new ReminderView(r, r.level().label(), reminders.deliveries(r.id()))).toList();
    }
}
