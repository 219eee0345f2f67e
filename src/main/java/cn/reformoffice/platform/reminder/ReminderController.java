package cn.reformoffice.platform.reminder;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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
 * A 督办单 comes with the address of its printable 督办通知单 ({@code noticeUrl}) for those who may
 * download it (the office, the unit addressed, the task's lead leaders), null for others.
 */
@RestController
@RequestMapping("/api/reminders")
class ReminderController {

    private final ReminderRepository reminders;
    private final ReformTaskService tasks;
    private final CurrentUser currentUser;
    private final NoticeDocuments notices;

    ReminderController(ReminderRepository reminders, ReformTaskService tasks, CurrentUser currentUser,
            NoticeDocuments notices) {
        this.reminders = reminders;
        this.tasks = tasks;
        this.currentUser = currentUser;
        this.notices = notices;
    }

    record ReminderView(ReminderRow reminder, String levelLabel, List<DeliveryRow> deliveries, String noticeUrl) {
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
        // a robot's address carries its access token: nobody reads it here (the operator configures it)
        return rows.stream().map(r -> new ReminderView(r, r.level().label(), reminders.deliveries(r.id()).stream()
                .map(d -> new DeliveryRow(d.id(), d.reminderId(), d.channel(), d.recipient(), Secrets.redact(d.address()),
                        d.status(), d.attempts(), Secrets.redact(d.lastError()), d.deliveredAt()))
                .toList(),
                notices.mayDownload(r, currentUser) ? NoticeDocuments.url(r.id()) : null))
                .toList();
    }

    /** The 督办通知单 of a 督办单 as a Word document: 404 for no such 督办单, 403 for those not concerned. */
    @GetMapping("/notices/{id}.docx")
    ResponseEntity<byte[]> notice(@PathVariable long id) {
        NoticeDocuments.Notice notice = notices.find(id);
        notices.requireDownload(notice, currentUser);
        return notices.document(notice).download(notices.fileName(notice));
    }
}
