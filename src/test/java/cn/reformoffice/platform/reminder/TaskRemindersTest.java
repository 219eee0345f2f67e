package cn.reformoffice.platform.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import cn.reformoffice.platform.reminder.ReminderRepository.DeliveryRow;
import cn.reformoffice.platform.reminder.ReminderRepository.ReminderRow;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * Reminders of one user task across Spring Festival and Qingming 2026, by moving the engine clock:
 * due date in working days, 临期提醒, 逾期催办, numbered 督办单 repeated every K working days, what
 * a real SMTP server (GreenMail) and a real robot webhook on loopback received, a robot that is
 * down (retries, no double sending, incident), and the end of the watch when the task is done.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:reminderstest;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "reform.demo.seed-tasks=false",
        "reform.notification.email.enabled=true",
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=3025",
        "reform.notification.webhook.enabled=true" })
@DirtiesContext
class TaskRemindersTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    static RobotWebhookServer robot;

    @DynamicPropertySource
    static void robot(DynamicPropertyRegistry registry) throws IOException {
        robot = new RobotWebhookServer();
        registry.add("reform.notification.webhook.default-url", robot::url);
    }

    @AfterAll
    static void stopRobot() {
        robot.close();
    }

    @Autowired ReformTaskService reformTasks;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired HistoryService historyService;
    @Autowired ReminderRepository reminders;
    @Autowired ExtensionRequests extensions;
    @Autowired IdentityService identityService;
    @Autowired ReminderRescheduler rescheduler;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void remindersFollowWorkingDaysAcrossHolidaysAndReachEveryChannelOnce() throws Exception {
        ClockUtil.setCurrentTime(china(2026, 2, 9, 10));
        ReformTask reformTask = reformTasks.createAndStart(new NewReformTask("REM-1", 2026, "测试", "催办测试任务", "目标",
                "举措", List.of(), List.of("fgw"), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        Task draft = taskService.createTaskQuery().processInstanceId(reformTask.processInstanceId()).singleResult();

        // 20 working days from Mon 2026-02-09, counting from the next day, across Spring Festival
        // (02-14 Sat is a working day, 02-15..23 off, 02-28 Sat is a working day)
        assertThat(draft.getDueDate()).isEqualTo(china(2026, 3, 13, 18));
        // until its first reminder the step has no watch, only the job that starts it
        String watch = draft.getId();
        assertThat(watchOf(watch)).isNull();
        assertThat(timer(watch).getId()).isEqualTo(ReminderWatchStart.jobId(draft.getId()));
        assertThat(timer(watch).getDuedate()).isEqualTo(china(2026, 3, 10, 9));

        // 临期提醒: 3 working days before the due date
        fire(watch, china(2026, 3, 10, 9));
        assertThat(watchOf(watch)).isNotNull();
        assertThat(managementService.createJobQuery().jobId(ReminderWatchStart.jobId(draft.getId())).count()).isZero();
        ReminderRow dueSoon = single(Level.DUE_SOON, 1);
        assertThat(dueSoon.message()).contains("【临期提醒】市发展改革委", "REM-1 催办测试任务", "方案制定", "2026年3月13日到期");
        assertThat(channels(dueSoon)).containsExactlyInAnyOrder("IN_APP group:fgw DELIVERED",
                "EMAIL group:fgw DELIVERED", "WEBHOOK robot DELIVERED");
        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(mail.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("fgw@demo.reform.local");
        assertThat(GreenMailUtil.getBody(mail.getReceivedMessages()[0])).isNotBlank();
        assertThat(robot.received()).hasSize(1);
        assertThat(robot.received().get(0)).contains("\"msgtype\":\"text\"", "临期提醒");
        assertThat(taskService.getTaskComments(draft.getId())).extracting(Comment::getFullMessage)
                .containsExactly(dueSoon.message());

        // 逾期催办: the first working day after the due date, priority raised
        assertThat(timer(watch).getDuedate()).isEqualTo(china(2026, 3, 16, 9));
        fire(watch, china(2026, 3, 16, 9));
        assertThat(single(Level.URGE, 1).message()).startsWith("【逾期催办】市发展改革委");
        assertThat(taskService.createTaskQuery().taskId(draft.getId()).singleResult().getPriority()).isEqualTo(75);

        // 升级督办: 5 working days after the due date, numbered, copied to the office; then every 5
        assertThat(timer(watch).getDuedate()).isEqualTo(china(2026, 3, 20, 9));
        fire(watch, china(2026, 3, 20, 9));
        ReminderRow notice1 = single(Level.ESCALATION, 1);
        assertThat(notice1.noticeNo()).isEqualTo("改督〔2026〕1号");
        assertThat(notice1.message()).contains("【督办单 改督〔2026〕1号】", "逾期5个工作日", "抄送：市委改革办");
        assertThat(channels(notice1)).contains("IN_APP group:office DELIVERED");
        assertThat(taskService.createTaskQuery().taskId(draft.getId()).singleResult().getPriority()).isEqualTo(100);

        // the robot is down for notice 2: e-mail goes out once, the job retries and finally raises an incident
        assertThat(timer(watch).getDuedate()).isEqualTo(china(2026, 3, 27, 9));
        robot.setDown(true);
        ClockUtil.setCurrentTime(china(2026, 3, 27, 9));
        managementService.executeJob(timer(watch).getId());
        managementService.executeJob(job(watch).getId()); // 登记提醒
        Job delivery = job(watch);
        int attempts = 0;
        do {
            try {
                managementService.executeJob(delivery.getId());
            } catch (Exception expected) {
                attempts++; // the robot refused; Camunda decrements the retries (back-off PT1M … PT6H)
            }
        } while (managementService.createJobQuery().jobId(delivery.getId()).singleResult().getRetries() > 0
                && attempts < 10);
        assertThat(attempts).isEqualTo(6);
        ReminderRow notice2 = single(Level.ESCALATION, 2);
        assertThat(notice2.noticeNo()).isEqualTo("改督〔2026〕2号");
        assertThat(channels(notice2)).contains("EMAIL group:fgw DELIVERED", "WEBHOOK robot FAILED");
        assertThat(mail.getReceivedMessages()).hasSize(4);
        assertThat(managementService.createJobQuery().jobId(delivery.getId()).singleResult().getRetries()).isZero();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(watchOf(watch).getId()).count()).isEqualTo(1);
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(reformTask.processInstanceId())
                .singleResult().getState()).isEqualTo("ACTIVE");

        // the office retries in Cockpit once the robot is back: only the robot is sent again
        robot.setDown(false);
        managementService.setJobRetries(delivery.getId(), 1);
        managementService.executeJob(delivery.getId());
        assertThat(channels(notice2)).contains("EMAIL group:fgw DELIVERED", "WEBHOOK robot DELIVERED");
        assertThat(mail.getReceivedMessages()).hasSize(4);
        assertThat(robot.received()).hasSize(4);

        // every 5 working days: 04-03, then across Qingming (04-04..06 off) 04-13
        assertThat(timer(watch).getDuedate()).isEqualTo(china(2026, 4, 3, 9));
        fire(watch, china(2026, 4, 3, 9));
        assertThat(single(Level.ESCALATION, 3).noticeNo()).isEqualTo("改督〔2026〕3号");
        assertThat(timer(watch).getDuedate()).isEqualTo(china(2026, 4, 13, 9));

        // the unit drafts the plan: the watch ends, no further reminder
        taskService.complete(draft.getId(), Map.of("planMeasures", "措施", "planMilestones", "节点", "planResults", "成果"));
        assertThat(watchOf(watch)).isNull();
        assertThat(reminders.findByTask("REM-1")).hasSize(5);
        Task approval = taskService.createTaskQuery().processInstanceId(reformTask.processInstanceId()).singleResult();
        // approval: 5 working days after 2026-04-03 (the clock's day), across Qingming (04-04..06 off)
        assertThat(approval.getDueDate()).isEqualTo(china(2026, 4, 13, 18));
    }

    @Test
    void aStepDoneBeforeItsFirstReminderNeverGetsAWatch() {
        ClockUtil.setCurrentTime(china(2026, 2, 9, 10));
        ReformTask reformTask = reformTasks.createAndStart(new NewReformTask("REM-2", 2026, "测试", "按时办结任务", "目标",
                "举措", List.of(), List.of("fgw"), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        Task draft = taskService.createTaskQuery().processInstanceId(reformTask.processInstanceId()).singleResult();
        assertThat(timer(draft.getId()).getDuedate()).isEqualTo(china(2026, 3, 10, 9));

        ClockUtil.setCurrentTime(china(2026, 3, 2, 10));
        taskService.complete(draft.getId(), Map.of("planMeasures", "措施", "planMilestones", "节点", "planResults", "成果"));

        assertThat(managementService.createJobQuery().jobId(ReminderWatchStart.jobId(draft.getId())).count()).isZero();
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("task-reminders")
                .processInstanceBusinessKey(draft.getId()).count()).isZero();
        assertThat(reminders.findByTask("REM-2")).isEmpty();
        // the next step waits for its own first reminder
        Task approval = taskService.createTaskQuery().processInstanceId(reformTask.processInstanceId()).singleResult();
        assertThat(timer(approval.getId())).isNotNull();
        assertThat(watchOf(approval.getId())).isNull();
    }

    @Test
    void grantedExtensionMovesTheDueDateAndThePendingReminder() {
        ClockUtil.setCurrentTime(china(2026, 9, 21, 10));
        ReformTask reformTask = reformTasks.createAndStart(new NewReformTask("EXT-1", 2026, "测试", "延期测试任务", "目标",
                "举措", List.of(), List.of("fgw"), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        Task draft = taskService.createTaskQuery().processInstanceId(reformTask.processInstanceId()).singleResult();
        // 20 working days from 2026-09-21: 中秋 09-25..27 and 国庆 10-01..07 off, 10-10 (Sat) a working day
        assertThat(draft.getDueDate()).isEqualTo(china(2026, 10, 26, 18));
        String watch = draft.getId();
        assertThat(timer(watch).getDuedate()).isEqualTo(china(2026, 10, 21, 9));

        identityService.setAuthentication("czj1", List.of("czj"));
        assertThatThrownBy(() -> extensions.request(draft.getId(), LocalDate.of(2026, 11, 30), "等待上级政策",
                "czj1", List.of("czj"))).hasMessageContaining("任务不存在");
        identityService.setAuthentication("fgw1", List.of("fgw"));
        assertThatThrownBy(() -> extensions.request(draft.getId(), LocalDate.of(2026, 10, 20), "太早", "fgw1",
                List.of("fgw"))).hasMessageContaining("必须晚于当前期限2026-10-26");
        var request = extensions.request(draft.getId(), LocalDate.of(2026, 11, 30), "等待省级政策出台", "fgw1",
                List.of("fgw"));
        assertThatThrownBy(() -> extensions.request(draft.getId(), LocalDate.of(2026, 12, 1), "再次提交", "fgw1",
                List.of("fgw"))).hasMessageContaining("请勿重复提交");

        identityService.setAuthentication("office1", List.of("office"));
        extensions.decide(request.id(), true, "同意", "office1");
        identityService.clearAuthentication();

        assertThat(taskService.createTaskQuery().taskId(draft.getId()).singleResult().getDueDate())
                .isEqualTo(china(2026, 11, 30, 18));
        // 临期提醒 3 working days before the new date
        assertThat(timer(watch).getDuedate()).isEqualTo(china(2026, 11, 25, 9));
        assertThat(taskService.getTaskComments(draft.getId())).extracting(Comment::getFullMessage)
                .anyMatch(m -> m.startsWith("【延期申请】")).anyMatch(m -> m.startsWith("【同意延期】期限延至2026-11-30"));

        ClockUtil.setCurrentTime(china(2026, 12, 1, 10));
        identityService.setAuthentication("fgw1", List.of("fgw"));
        assertThatThrownBy(() -> extensions.request(draft.getId(), LocalDate.of(2026, 12, 31), "迟到的申请", "fgw1",
                List.of("fgw"))).hasMessageContaining("已到期");
        identityService.clearAuthentication();
    }

    @Test
    void aTaskHasOnePendingRequestAndAnApprovalNeverShortensItsDeadline() {
        ClockUtil.setCurrentTime(china(2026, 9, 21, 10));
        ReformTask reformTask = reformTasks.createAndStart(new NewReformTask("EXT-2", 2026, "测试", "延期并发测试", "目标",
                "举措", List.of(), List.of("fgw"), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        Task draft = taskService.createTaskQuery().processInstanceId(reformTask.processInstanceId()).singleResult();
        identityService.setAuthentication("fgw1", List.of("fgw"));
        var request = extensions.request(draft.getId(), LocalDate.of(2026, 11, 16), "等待上级批复", "fgw1",
                List.of("fgw"));
        identityService.clearAuthentication();

        // what two submissions at the same moment would both pass through: the database keeps one
        assertThatThrownBy(() -> jdbc.sql("""
                insert into extension_request (task_code, camunda_task_id, pending_task_id, stage_name, requested_by,
                    reason, current_due, requested_due, status, created_at)
                values ('EXT-2', ?, ?, '方案制定', 'fgw1', '并发', ?, ?, 'PENDING', ?)""")
                .params(draft.getId(), draft.getId(), LocalDate.of(2026, 10, 26), LocalDate.of(2026, 11, 20),
                        OffsetDateTime.now()).update())
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);

        // meanwhile the office has moved the deadline beyond the requested date: approving would shorten it
        rescheduler.moveDueDate(draft.getId(), LocalDate.of(2026, 11, 30), false);
        identityService.setAuthentication("office1", List.of("office"));
        assertThatThrownBy(() -> extensions.decide(request.id(), true, "同意", "office1"))
                .hasMessageContaining("期限已调整为2026-11-30");
        var rejected = extensions.decide(request.id(), false, "期限已另行调整", "office1");
        assertThatThrownBy(() -> extensions.decide(request.id(), true, "同意", "office1"))
                .hasMessageContaining("已处理");
        assertThatThrownBy(() -> extensions.list("pending")).hasMessageContaining("PENDING");
        identityService.clearAuthentication();
        assertThat(rejected.status()).isEqualTo("REJECTED");
        assertThat(taskService.createTaskQuery().taskId(draft.getId()).singleResult().getDueDate())
                .isEqualTo(china(2026, 11, 30, 18));

        // decided: a new request for the same task is possible again
        identityService.setAuthentication("fgw1", List.of("fgw"));
        assertThat(extensions.request(draft.getId(), LocalDate.of(2026, 12, 15), "仍需时间", "fgw1", List.of("fgw"))
                .status()).isEqualTo("PENDING");
        identityService.clearAuthentication();
    }

    /** Fires the task's next reminder: the job that starts its watch, or the watch's timer, then 登记 and 发送. */
    private void fire(String watchedTask, Date now) {
        ClockUtil.setCurrentTime(now);
        managementService.executeJob(timer(watchedTask).getId());
        managementService.executeJob(job(watchedTask).getId()); // 登记提醒
        managementService.executeJob(job(watchedTask).getId()); // 发送提醒
    }

    private ProcessInstance watchOf(String watchedTask) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey("task-reminders")
                .processInstanceBusinessKey(watchedTask).singleResult();
    }

    /** The pending reminder's timer: the watch's, or before the first reminder the job that starts the watch. */
    private Job timer(String watchedTask) {
        ProcessInstance watch = watchOf(watchedTask);
        return watch == null ? managementService.createJobQuery().jobId(ReminderWatchStart.jobId(watchedTask))
                .singleResult() : managementService.createJobQuery().processInstanceId(watch.getId()).timers().singleResult();
    }

    private Job job(String watchedTask) {
        return managementService.createJobQuery().processInstanceId(watchOf(watchedTask).getId()).messages()
                .singleResult();
    }

    private ReminderRow single(Level level, int sequence) {
        return reminders.findByTask("REM-1").stream().filter(r -> r.level() == level && r.sequence() == sequence)
                .findFirst().orElseThrow(() -> new AssertionError("no " + level + " #" + sequence));
    }

    private List<String> channels(ReminderRow reminder) {
        return reminders.deliveries(reminder.id()).stream()
                .map((DeliveryRow d) -> d.channel() + " " + d.recipient() + " " + d.status()).toList();
    }

    private static Date china(int year, int month, int day, int hour) {
        return Date.from(OffsetDateTime.of(year, month, day, hour, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant());
    }
}
