package cn.reformoffice.platform.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
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
import com.icegreen.greenmail.util.ServerSetupTest;

import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.task.Stage;

/**
 * One reform task through 2026, from creation to close-out, by moving the engine clock over the
 * real year and running every job when it falls due: the exact dates of every quarterly report task
 * and its due date (Qingming, National Day), every reminder and escalation, and what the e-mail
 * server and the robot received.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:yeartest;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "reform.demo.seed-tasks=false",
        "reform.notification.email.enabled=true",
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=3025",
        "reform.notification.webhook.enabled=true" })
@DirtiesContext
class ReformTaskYearTest {

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
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired HistoryService historyService;
    @Autowired ReminderRepository reminders;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void oneTaskThroughTheYear2026() throws Exception {
        ClockUtil.setCurrentTime(china(2026, 1, 5, 10));
        ReformTask task = reformTasks.createAndStart(new NewReformTask("Y2026-01", 2026, "重大改革攻坚",
                "年度全流程测试任务", "目标", "举措", List.of(), List.of("市发改委"), List.of(), LocalDate.of(2026, 12, 31)),
                "office1");

        advanceTo(china(2026, 2, 4, 10)); // the unit drafts two days late
        complete(task, "Task_DraftPlan", Map.of("planMeasures", "措施", "planMilestones", "节点", "planResults", "成果"));
        advanceTo(china(2026, 2, 5, 10));
        complete(task, "Task_OfficeApprovePlan", Map.of("planDecision", "approve"));

        advanceTo(china(2026, 4, 7, 10)); // Q1 reported in time
        complete(task, "Task_SubmitQuarterlyReport", report());
        advanceTo(china(2026, 4, 8, 10));
        complete(task, "Task_ReconcileReport", Map.of("reportDecision", "accept"));

        advanceTo(china(2026, 7, 14, 10)); // Q2 reported late, after the first supervision notice
        complete(task, "Task_SubmitQuarterlyReport", report());
        advanceTo(china(2026, 7, 15, 10));
        complete(task, "Task_ReconcileReport", Map.of("reportDecision", "accept"));

        advanceTo(china(2026, 9, 30, 15)); // Q3 reported the day it is asked for
        complete(task, "Task_SubmitQuarterlyReport", report());
        advanceTo(china(2026, 10, 8, 10));
        complete(task, "Task_ReconcileReport", Map.of("reportDecision", "accept"));

        advanceTo(china(2026, 12, 15, 10));
        complete(task, "Task_ImplementAndApplyCloseOut", Map.of("completionSummary", "全部完成",
                "achievementType", "policy", "completionEvidence", "市政府令第1号"));
        advanceTo(china(2026, 12, 16, 10));
        complete(task, "Task_ReviewCloseOut", Map.of("closeOutDecision", "approve"));
        assertThat(reformTasks.get(task.code()).stage()).isEqualTo(Stage.CLOSED);

        // every user task: when it was created and when it was due (working days, China time)
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(task.processInstanceId())
                .orderByHistoricActivityInstanceStartTime().asc().orderByHistoricTaskInstanceEndTime().asc().list())
                .extracting(HistoricTaskInstance::getTaskDefinitionKey, t -> day(t.getStartTime()), t -> day(t.getDueDate()))
                .containsExactly(
                        tuple("Task_DraftPlan", "2026-01-05", "2026-02-02"),
                        tuple("Task_OfficeApprovePlan", "2026-02-04", "2026-02-11"),
                        tuple("Task_ImplementAndApplyCloseOut", "2026-02-05", "2026-12-31"),
                        tuple("Task_SubmitQuarterlyReport", "2026-03-31", "2026-04-08"),
                        tuple("Task_ReconcileReport", "2026-04-07", "2026-04-14"),
                        tuple("Task_SubmitQuarterlyReport", "2026-06-30", "2026-07-07"),
                        tuple("Task_ReconcileReport", "2026-07-14", "2026-07-21"),
                        tuple("Task_SubmitQuarterlyReport", "2026-09-30", "2026-10-13"),
                        tuple("Task_ReconcileReport", "2026-09-30", "2026-10-13"),
                        tuple("Task_ReviewCloseOut", "2026-12-15", "2026-12-29"));

        // every reminder and escalation, on its day at 09:00
        assertThat(reminders.findByTask(task.code())).extracting(r -> r.stageName(), r -> r.level(),
                r -> r.createdAt().toString(), r -> r.noticeNo())
                .containsExactly(
                        tuple("方案制定", Level.DUE_SOON, "2026-01-28T09:00+08:00", null),
                        tuple("方案制定", Level.URGE, "2026-02-03T09:00+08:00", null),
                        tuple("2026年第1季度报送", Level.DUE_SOON, "2026-04-03T09:00+08:00", null),
                        tuple("2026年第2季度报送", Level.DUE_SOON, "2026-07-03T09:00+08:00", null),
                        tuple("2026年第2季度报送", Level.URGE, "2026-07-08T09:00+08:00", null),
                        tuple("2026年第2季度报送", Level.ESCALATION, "2026-07-10T09:00+08:00", "改督〔2026〕1号"));

        // what the channels received: one e-mail to the unit and one robot message per reminder
        assertThat(mail.getReceivedMessages()).hasSize(6).allSatisfy(message ->
                assertThat(message.getAllRecipients()[0].toString()).isEqualTo("fgw@demo.reform.local"));
        assertThat(mail.getReceivedMessages()).extracting(m -> m.getSubject()).containsExactly(
                "临期提醒：Y2026-01 方案制定", "逾期催办：Y2026-01 方案制定", "临期提醒：Y2026-01 2026年第1季度报送",
                "临期提醒：Y2026-01 2026年第2季度报送", "逾期催办：Y2026-01 2026年第2季度报送",
                "督办单 改督〔2026〕1号 升级督办：Y2026-01 2026年第2季度报送");
        assertThat(robot.received()).hasSize(6);
        assertThat(robot.received().get(5)).contains("督办单 改督〔2026〕1号", "逾期3个工作日");
        assertThat(managementService.createJobQuery().processDefinitionKey("task-reminders").count()).isZero();
    }

    /** Runs every job in due order, with the clock at each job's due date, up to {@code target}. */
    private void advanceTo(Date target) {
        while (true) {
            List<Job> messages = managementService.createJobQuery().messages().list().stream()
                    .filter(job -> job.getDuedate() == null || !job.getDuedate().after(ClockUtil.getCurrentTime()))
                    .toList();
            if (!messages.isEmpty()) {
                messages.forEach(job -> managementService.executeJob(job.getId()));
                continue;
            }
            List<Job> timers = managementService.createJobQuery().timers()
                    .duedateLowerThan(new Date(target.getTime() + 1)).orderByJobDuedate().asc().listPage(0, 1);
            if (timers.isEmpty()) {
                ClockUtil.setCurrentTime(target);
                return;
            }
            ClockUtil.setCurrentTime(timers.get(0).getDuedate());
            managementService.executeJob(timers.get(0).getId());
        }
    }

    private void complete(ReformTask task, String activity, Map<String, Object> variables) {
        Task userTask = taskService.createTaskQuery().processInstanceId(task.processInstanceId())
                .taskDefinitionKey(activity).singleResult();
        taskService.complete(userTask.getId(), variables);
    }

    private static Map<String, Object> report() {
        return Map.of("reportProgress", "进展", "reportStatus", "on-track", "reportNextSteps", "计划");
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private static String day(Date date) {
        return date.toInstant().atZone(ReminderSchedule.CHINA).toLocalDate().toString();
    }

    private static Date china(int year, int month, int day, int hour) {
        return Date.from(OffsetDateTime.of(year, month, day, hour, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant());
    }
}
