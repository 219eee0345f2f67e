package cn.reformoffice.platform.reminder;

import static cn.reformoffice.platform.browser.ReformApi.LIST;
import static cn.reformoffice.platform.browser.ReformApi.MAP;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.document.WordText;

/**
 * The 督办通知单 of a 督办单 as a Word document ({@code GET /api/reminders/notices/{id}.docx}), downloaded over
 * HTTP and opened with POI: a plan due 30 March 2026 gets its first 督办单 on 7 April (5 working days late,
 * Qingming off), to be done within the rule's 5 working days; who may download it (the office, the unit
 * addressed, the lead leader; not a cooperating unit, another unit or another leader); where it is offered
 * (the reminder record, the step's form); the same document when downloaded after the step is done; Chinese
 * 400 and 404 for ids that name no 督办单.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:noticedocit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class NoticeDocumentIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String CODE = "2026-ND1";

    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired WorkingCalendar calendar;

    private final ReformApi api = new ReformApi(() -> rest);

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theNoticeIsAPrintableWordDocumentForTheOfficeTheUnitAndTheLeader() {
        at(LocalDate.of(2026, 3, 2), 10);
        Map<String, Object> body = ReformApi.taskBody(CODE, "数据要素市场化配置改革", List.of("fgw"));
        body.put("leaders", List.of("zhaomingyuan"));
        body.put("coopUnits", List.of("czj"));
        api.createTask(body);
        api.createTask("2026-ND2", "没有督办单的任务", List.of("wjw"));
        Task draft = step(CODE, "Task_DraftPlan");
        assertThat(draft.getDueDate().toInstant().atZone(CHINA).toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 30));

        fireReminder(draft.getId(), LocalDate.of(2026, 3, 25)); // 临期提醒
        fireReminder(draft.getId(), LocalDate.of(2026, 3, 31)); // 逾期催办
        fireReminder(draft.getId(), LocalDate.of(2026, 4, 7)); // 督办单 1
        List<Map<String, Object>> reminders = api.get("fgw1", "/api/reminders?taskCode=" + CODE, LIST).getBody();
        assertThat(reminders).hasSize(3);
        Map<String, Object> escalation = reminders.get(2);
        assertThat(reminder(escalation)).containsEntry("noticeNo", "改督〔2026〕1号").containsEntry("level", "ESCALATION");
        long noticeId = ((Number) reminder(escalation).get("id")).longValue();
        long dueSoonId = ((Number) reminder(reminders.get(0)).get("id")).longValue();
        String url = "/api/reminders/notices/" + noticeId + ".docx";

        // the reminder record offers the document to those who may download it, and only for a 督办单
        assertThat(escalation).containsEntry("noticeUrl", url);
        assertThat(reminders.get(0)).containsEntry("noticeUrl", null);
        assertThat(api.get("czj1", "/api/reminders?taskCode=" + CODE, LIST).getBody()).as("a cooperating unit")
                .hasSize(3).allMatch(r -> r.get("noticeUrl") == null);
        assertThat(api.get("office1", "/api/reminders", LIST).getBody())
                .anyMatch(r -> url.equals(r.get("noticeUrl")));

        // --- the document ------------------------------------------------------------------------------------
        ResponseEntity<byte[]> answer = download("fgw1", url);
        assertThat(answer.getStatusCode()).as(body(answer)).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getContentType().toString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(answer.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("督办通知单改督〔2026〕1号（2026-ND1）.docx");
        WordText doc = WordText.of(answer.getBody());
        LocalDate replyBy = calendar.addWorkingDays(LocalDate.of(2026, 4, 7), 5);
        assertThat(replyBy).isEqualTo(LocalDate.of(2026, 4, 14));
        assertThat(doc.paragraphs()).containsExactly(
                "督办通知单",
                "改督〔2026〕1号",
                "致：市发展改革委",
                "你单位承办的改革任务“2026-ND1 数据要素市场化配置改革”的“方案制定”环节应于2026年3月30日办结，"
                        + "截至2026年4月7日已逾期5个工作日，仍未办结。现予督办。",
                "请于收到本通知单后5个工作日内（2026年4月14日前）办结，并将办理情况书面反馈市委改革办。逾期仍未办结的，将再次督办。",
                "抄送：赵明远、市委改革办",
                "市委改革办",
                "2026年4月7日");
        assertThat(doc.table("督办事项")).containsExactly(
                List.of("督办事项", "内容"),
                List.of("督办单编号", "改督〔2026〕1号"),
                List.of("任务编号", "2026-ND1"),
                List.of("改革任务", "数据要素市场化配置改革"),
                List.of("领衔领导", "赵明远"),
                List.of("牵头单位", "市发展改革委"),
                List.of("逾期环节", "方案制定"),
                List.of("应办结日期", "2026年3月30日"),
                List.of("逾期工作日", "5个工作日（截至2026年4月7日）"),
                List.of("办结反馈时限", "2026年4月14日前（5个工作日内）"));

        // --- who may download ----------------------------------------------------------------------------------
        for (String user : List.of("office1", "zhaomingyuan")) {
            assertThat(text(user, url)).as(user).isEqualTo(doc.text());
        }
        for (String user : List.of("czj1", "wjw1", "qianlixin")) {
            ResponseEntity<byte[]> refused = download(user, url);
            assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(body(refused)).as(user).contains(
                    "您无权下载督办通知单改督〔2026〕1号：只有市委改革办、受督办单位（市发展改革委）和领衔领导可以下载。");
        }

        // --- the step's form links to its 督办单; a second one comes 5 working days later ---------------------------
        fireReminder(draft.getId(), LocalDate.of(2026, 4, 14)); // 督办单 2
        List<Map<String, Object>> all = api.get("office1", "/api/reminders?taskCode=" + CODE, LIST).getBody();
        assertThat(reminder(all.get(3))).containsEntry("noticeNo", "改督〔2026〕2号");
        long secondId = ((Number) reminder(all.get(3)).get("id")).longValue();
        String summary = formSummary("fgw1", draft.getId());
        assertThat(summary).contains("**督办单：** [督办通知单 改督〔2026〕1号（Word）](" + url + ")　[督办通知单 改督〔2026〕2号（Word）]"
                + "(/api/reminders/notices/" + secondId + ".docx)");
        assertThat(WordText.of(download("fgw1", "/api/reminders/notices/" + secondId + ".docx").getBody())
                .row("督办事项", "逾期工作日")).containsExactly("逾期工作日", "10个工作日（截至2026年4月14日）");
        assertThat(formSummary("wjw1", step("2026-ND2", "Task_DraftPlan").getId())).doesNotContain("督办通知单");

        // --- after the plan is in: the same document ------------------------------------------------------------
        at(LocalDate.of(2026, 4, 20), 10);
        taskService.complete(draft.getId(), Map.of("planMeasures", "措施", "planMilestones", "节点", "planResults", "成果"));
        assertThat(formSummary("zhaomingyuan", step(CODE, "Task_LeaderApprovePlan").getId())).as("another step")
                .doesNotContain("督办通知单");
        assertThat(text("fgw1", url)).isEqualTo(doc.text());

        // --- ids that name no 督办单 -----------------------------------------------------------------------------
        ResponseEntity<byte[]> none = download("office1", "/api/reminders/notices/999999.docx");
        assertThat(none.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(body(none)).contains("督办单不存在：没有编号为 999999 的催办记录。");
        ResponseEntity<byte[]> dueSoon = download("office1", "/api/reminders/notices/" + dueSoonId + ".docx");
        assertThat(dueSoon.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(body(dueSoon)).contains("是“临期提醒”，不是督办单，没有督办通知单");
        ResponseEntity<byte[]> bad = download("office1", "/api/reminders/notices/abc.docx");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(bad)).contains("参数“id”的值“abc”格式不正确");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static void at(LocalDate day, int hour) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.of(hour, 0)).atZone(CHINA).toInstant()));
    }

    private Task step(String code, String activityId) {
        return taskService.createTaskQuery().processInstanceBusinessKey(code).processDefinitionKey("reform-task")
                .taskDefinitionKey(activityId).singleResult();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reminder(Map<String, Object> view) {
        return (Map<String, Object>) view.get("reminder");
    }

    /** The step's next reminder, due at 09:00 on the day: its timer, then recording and sending. */
    private void fireReminder(String stepId, LocalDate day) {
        ReminderWatches watches = new ReminderWatches(runtimeService, managementService);
        at(day, 9);
        assertThat(watches.timer(stepId).getDuedate()).isEqualTo(ClockUtil.getCurrentTime());
        watches.fire(stepId, ClockUtil.getCurrentTime());
    }

    private String formSummary(String user, String taskId) {
        ResponseEntity<Map<String, Object>> form = api.get(user, "/engine-rest/task/" + taskId + "/form-variables", MAP);
        assertThat(form.getStatusCode()).as("form of %s as %s", taskId, user).isEqualTo(HttpStatus.OK);
        return (String) ((Map<?, ?>) form.getBody().get("ctxSummary")).get("value");
    }

    private ResponseEntity<byte[]> download(String user, String path) {
        return api.as(user).exchange(path, HttpMethod.GET, new HttpEntity<>(new HttpHeaders()), byte[].class);
    }

    private String text(String user, String path) {
        ResponseEntity<byte[]> answer = download(user, path);
        assertThat(answer.getStatusCode()).as("GET %s as %s: %s", path, user, body(answer)).isEqualTo(HttpStatus.OK);
        return WordText.of(answer.getBody()).text();
    }

    private static String body(ResponseEntity<byte[]> answer) {
        return answer.getBody() == null ? "" : new String(answer.getBody(), StandardCharsets.UTF_8);
    }
}
