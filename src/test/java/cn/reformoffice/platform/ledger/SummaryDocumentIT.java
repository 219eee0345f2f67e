package cn.reformoffice.platform.ledger;

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
import cn.reformoffice.platform.reminder.ReminderWatches;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * 半年小结 / 年终总账 as Word documents ({@code GET /api/ledger/summary.docx?asOf=}), downloaded over HTTP and
 * opened with POI: six 2026 tasks (one closed, four in progress, one 待分配), Q1 reports on time, late and
 * missing, a Q2 report not yet due, a plan overdue with a 督办单; the figures per category and lead unit and
 * the overdue steps as of 30 June; the same document when asked again in July and next March although
 * the tasks have moved on, and the year-end total likewise; the summary task links to it and agrees;
 * only the office may download it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:summarydocit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class SummaryDocumentIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String MAJOR = "重大改革攻坚";
    private static final String LIVELIHOOD = "民生领域改革";
    private static final String PARTY = "党的建设制度改革";

    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired ReformTaskService reformTasks;
    @Autowired WorkingCalendar calendar;

    private final ReformApi api = new ReformApi(() -> rest);

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theHalfYearSummaryAndTheYearEndTotalGiveTheFiguresOfTheirDayWheneverTheyAreDownloaded() {
        // --- 2 March: six tasks; A, B, C (发改委) and F (财政局) approved, F closed out the same day ---------
        at(LocalDate.of(2026, 3, 2), 10);
        create("2026-SD1", "数据要素市场化配置改革", MAJOR, List.of("fgw"));
        create("2026-SD2", "营商环境创新试点", MAJOR, List.of("fgw"));
        create("2026-SD3", "基层医疗卫生服务体系改革", LIVELIHOOD, List.of("fgw"));
        create("2026-SD4", "公立医院薪酬制度改革", LIVELIHOOD, List.of("wjw"));
        reformTasks.createAwaitingAssignment(new NewReformTask("2026-SD5", 2026, PARTY, "干部考核评价机制改革", null,
                null, List.of(), List.of(), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        create("2026-SD6", "预算绩效管理改革", LIVELIHOOD, List.of("czj"));
        for (String code : List.of("2026-SD1", "2026-SD2", "2026-SD3", "2026-SD6")) {
            approvePlan(code);
        }
        complete("2026-SD6", "Task_ImplementAndApplyCloseOut", Map.of("completionSummary", "已全面完成",
                "achievementType", "policy", "completionEvidence", "江财〔2026〕1号"));
        complete("2026-SD6", "Task_ReviewCloseOut", Map.of("closeOutDecision", "approve"));
        Task draft = step("2026-SD4", "Task_DraftPlan");
        LocalDate draftDue = due(draft);
        assertThat(draftDue).isEqualTo(LocalDate.of(2026, 3, 30));

        // --- D's plan (due 30 March): 临期提醒 on 25 March, 逾期催办 on 31 March ----------------------------------
        fireReminder(draft.getId(), LocalDate.of(2026, 3, 25));
        fireReminder(draft.getId(), LocalDate.of(2026, 3, 31));

        // --- Q1 reports at 09:00 on 31 March, due 8 April: A on time, B 2 working days late, C never -----------
        at(LocalDate.of(2026, 3, 31), 9);
        for (String code : List.of("2026-SD1", "2026-SD2", "2026-SD3")) {
            managementService.executeJob(quarterTimer(code).getId());
        }
        LocalDate reportDue = due(step("2026-SD3", "Task_SubmitQuarterlyReport"));
        assertThat(reportDue).isEqualTo(LocalDate.of(2026, 4, 8));

        // --- a 督办单 to 卫健委 for D's plan, 5 working days after its due date (Qingming 4-6 April off) ----------
        fireReminder(draft.getId(), LocalDate.of(2026, 4, 7));
        assertThat(api.get("office1", "/api/reminders?taskCode=2026-SD4", ReformApi.LIST).getBody())
                .anyMatch(r -> "改督〔2026〕1号".equals(((Map<?, ?>) r.get("reminder")).get("noticeNo")));

        at(LocalDate.of(2026, 4, 7), 11);
        submitReport("2026-SD1");
        at(LocalDate.of(2026, 4, 10), 11);
        submitReport("2026-SD2");

        // --- 30 June: A's Q2 report opens (not yet due), the half-year summary task comes at 10:00 ----------------
        at(LocalDate.of(2026, 6, 30), 9);
        managementService.executeJob(quarterTimer("2026-SD1").getId());
        at(LocalDate.of(2026, 6, 30), 10);
        managementService.executeJob(managementService.createJobQuery().processDefinitionKey("reform-summary")
                .timers().singleResult().getId());
        Task summaryTask = taskService.createTaskQuery().processDefinitionKey("reform-summary").singleResult();
        assertThat(summaryTask.getName()).isEqualTo("2026年半年小结");

        // the summary form links to the document of the same day
        Map<String, Object> form = api.get("office1", "/engine-rest/task/" + summaryTask.getId() + "/form-variables",
                MAP).getBody();
        String documents = (String) ((Map<?, ?>) form.get("ctxDocuments")).get("value");
        assertThat(documents).contains("(/api/ledger/summary.docx?asOf=2026-06-30)");
        String link = documents.substring(documents.indexOf("(/api/") + 1, documents.lastIndexOf(')'));

        at(LocalDate.of(2026, 6, 30), 18);
        ResponseEntity<byte[]> june = download("office1", link);
        assertThat(june.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(june.getHeaders().getContentType().toString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(june.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("全市2026年全面深化改革工作半年小结（截至2026-06-30）.docx");
        WordText doc = WordText.of(june.getBody());

        assertThat(doc.paragraphs().get(0)).isEqualTo("全市2026年全面深化改革工作半年小结");
        assertThat(doc.paragraphs().get(1)).isEqualTo("（截至2026年6月30日）");
        assertThat(doc.paragraph("全年")).isEqualTo(
                "截至2026年6月30日，全年6项改革任务，已完成1项（16.7%），推进中4项，需等待上级部署1项。");
        assertThat(doc.paragraph("推进中的")).contains("处于方案制定、审定阶段的1项", "处于实施及销号审核阶段的3项",
                "需等待上级部署的1项");
        assertThat(doc.paragraph("督办单")).isEqualTo("截至6月30日，共发出督办单1份；逾期未办结的环节2个（见第五部分）。");
        assertThat(doc.paragraph("季度报送应报")).isEqualTo(
                "季度报送应报3份，按时报送1份，逾期报送1份，逾期未报1份，按时报送率33.3%；另有1份尚未到期。");
        assertThat(doc.row("季度", "2026年第1季度")).containsExactly("2026年第1季度", "1", "1", "1", "0", "33.3%");
        assertThat(doc.row("季度", "2026年第2季度")).containsExactly("2026年第2季度", "0", "0", "0", "1", "—");
        assertThat(doc.row("季度", "合计")).containsExactly("合计", "1", "1", "1", "1", "33.3%");

        assertThat(doc.table("类别").get(0)).containsExactly("类别", "任务数", "已完成", "推进中", "完成率");
        assertThat(doc.row("类别", MAJOR)).containsExactly(MAJOR, "2", "0", "2", "0%");
        assertThat(doc.row("类别", LIVELIHOOD)).containsExactly(LIVELIHOOD, "3", "1", "2", "33.3%");
        assertThat(doc.row("类别", PARTY)).containsExactly(PARTY, "1", "0", "0", "0%");
        assertThat(doc.row("类别", "合计")).containsExactly("合计", "6", "1", "4", "16.7%");

        assertThat(doc.table("牵头单位").get(0)).containsExactly("牵头单位", "任务数", "已完成", "逾期环节", "督办单",
                "按时报送率");
        // 发改委: B's report done late and C's report missing; 1 of 3 reports due on time
        assertThat(doc.row("牵头单位", "市发展改革委")).containsExactly("市发展改革委", "3", "0", "2", "0", "33.3%");
        assertThat(doc.row("牵头单位", "市卫生健康委")).containsExactly("市卫生健康委", "1", "0", "1", "1", "—");
        assertThat(doc.row("牵头单位", "市财政局")).containsExactly("市财政局", "1", "1", "0", "0", "—");
        assertThat(doc.table("牵头单位")).hasSize(4);
        assertThat(doc.paragraph("未列入上表")).contains("需等待上级部署的1项任务");

        int draftOverdue = calendar.workingDaysBetween(draftDue, LocalDate.of(2026, 6, 30));
        int reportOverdue = calendar.workingDaysBetween(reportDue, LocalDate.of(2026, 6, 30));
        assertThat(draftOverdue).isGreaterThan(reportOverdue).isGreaterThan(50);
        assertThat(doc.paragraph("逾期未办结（")).isEqualTo("截至6月30日，以下2个环节逾期未办结（按逾期工作日从多到少排列）：");
        assertThat(doc.table("序号")).containsExactly(
                List.of("序号", "任务编号", "改革任务", "责任单位", "逾期环节", "应办结日期", "逾期工作日"),
                List.of("1", "2026-SD4", "公立医院薪酬制度改革", "市卫生健康委", "方案制定", PeriodSummary.chinese(draftDue),
                        String.valueOf(draftOverdue)),
                List.of("2", "2026-SD3", "基层医疗卫生服务体系改革", "市发展改革委", "2026年第1季度报送", "2026年4月8日",
                        String.valueOf(reportOverdue)));
        List<String> paragraphs = doc.paragraphs();
        assertThat(paragraphs.subList(paragraphs.size() - 2, paragraphs.size())).containsExactly("市委改革办",
                "2026年6月30日");

        // the summary task's figures are the document's
        Map<String, Object> figures = runtimeService.getVariables(summaryTask.getProcessInstanceId());
        assertThat(figures).containsEntry("tasksTotal", 6L).containsEntry("tasksCompleted", 1L)
                .containsEntry("tasksInProgress", 4L).containsEntry("tasksAwaitingDeployment", 1L)
                .containsEntry("reportsOnTime", 1L).containsEntry("reportsLate", 1L)
                .containsEntry("reportsMissing", 1L).containsEntry("reportsPending", 1L)
                .containsEntry("noticesIssued", 1L);
        assertThat(api.get("office1", "/api/ledger/summary?asOf=2026-06-30", MAP).getBody())
                .containsEntry("tasks", 6).containsEntry("completed", 1).containsEntry("awaitingDeployment", 1)
                .containsEntry("overdueSteps", 2);

        // --- July: C reports (late), D submits its plan, E is assigned to 卫健委: 30 June's document stays ---------
        at(LocalDate.of(2026, 7, 2), 10);
        submitReport("2026-SD3");
        complete("2026-SD4", "Task_DraftPlan", plan());
        assertThat(api.post("office1", "/api/tasks/2026-SD5/assignment", Map.of("leadUnits", List.of("wjw")))
                .getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(text("office1", "/api/ledger/summary.docx?asOf=2026-06-30")).isEqualTo(doc.text());
        WordText july = WordText.of(download("office1", "/api/ledger/summary.docx?asOf=2026-07-02").getBody());
        assertThat(july.paragraphs().get(0)).isEqualTo("全市2026年全面深化改革工作年终总账");
        assertThat(july.paragraph("全年")).isEqualTo(
                "截至2026年7月2日，全年6项改革任务，已完成1项（16.7%），推进中5项，需等待上级部署0项。");
        assertThat(july.row("季度", "2026年第1季度")).containsExactly("2026年第1季度", "1", "2", "0", "0", "33.3%");

        // --- the year-end total, made on 31 December and again next March after more work --------------------------
        at(LocalDate.of(2026, 12, 31), 18);
        String yearEnd = text("office1", "/api/ledger/summary.docx?asOf=2026-12-31");
        assertThat(yearEnd).contains("全市2026年全面深化改革工作年终总账", "截至2026年12月31日，全年6项改革任务");
        at(LocalDate.of(2027, 3, 10), 10);
        submitReport("2026-SD1"); // A's Q2 report, long overdue
        complete("2026-SD4", "Task_OfficeApprovePlan", Map.of("planDecision", "approve"));
        complete("2026-SD5", "Task_DraftPlan", plan());
        assertThat(text("office1", "/api/ledger/summary.docx?asOf=2026-12-31")).isEqualTo(yearEnd);
        assertThat(text("office1", "/api/ledger/summary.docx?asOf=2026-06-30")).isEqualTo(doc.text());
        assertThat(text("office1", "/api/ledger/summary.docx?asOf=2027-03-10")).isNotEqualTo(yearEnd);

        // --- who may download, and requests that cannot be answered ------------------------------------------------
        for (String user : List.of("fgw1", "zhaomingyuan", "wjw1")) {
            ResponseEntity<byte[]> refused = download(user, "/api/ledger/summary.docx?asOf=2026-06-30");
            assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(body(refused)).contains("只有市委改革办工作人员或系统管理员可以下载半年小结和年终总账");
        }
        ResponseEntity<byte[]> badDate = download("office1", "/api/ledger/summary.docx?asOf=2026-13-45");
        assertThat(badDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(badDate)).contains("参数“asOf”的值“2026-13-45”格式不正确（日期请写作 2026-03-31）");
        ResponseEntity<byte[]> missing = download("office1", "/api/ledger/summary.docx");
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(missing)).contains("缺少参数“asOf”");
        ResponseEntity<byte[]> future = download("office1", "/api/ledger/summary.docx?asOf=2027-06-30");
        assertThat(future.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(future)).contains("统计截止日期 2027-06-30 晚于今天（2027-03-10）");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static void at(LocalDate day, int hour) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.of(hour, 0)).atZone(CHINA).toInstant()));
    }

    private void create(String code, String title, String category, List<String> leadUnits) {
        Map<String, Object> body = ReformApi.taskBody(code, title, leadUnits);
        body.put("category", category);
        api.createTask(body);
    }

    private static Map<String, Object> plan() {
        return Map.of("planMeasures", "措施", "planMilestones", "节点", "planResults", "成果");
    }

    private void approvePlan(String code) {
        complete(code, "Task_DraftPlan", plan());
        complete(code, "Task_OfficeApprovePlan", Map.of("planDecision", "approve"));
    }

    /** The unit submits its quarterly report, which the office accepts at once. */
    private void submitReport(String code) {
        complete(code, "Task_SubmitQuarterlyReport", Map.of("reportProgress", "进展", "reportStatus", "on-track",
                "reportNextSteps", "计划"));
        complete(code, "Task_ReconcileReport", Map.of("reportDecision", "accept"));
    }

    private void complete(String code, String activityId, Map<String, Object> variables) {
        taskService.complete(step(code, activityId).getId(), variables);
    }

    private Task step(String code, String activityId) {
        return taskService.createTaskQuery().processInstanceBusinessKey(code).processDefinitionKey("reform-task")
                .taskDefinitionKey(activityId).singleResult();
    }

    private static LocalDate due(Task task) {
        return task.getDueDate().toInstant().atZone(CHINA).toLocalDate();
    }

    private Job quarterTimer(String code) {
        return managementService.createJobQuery().processInstanceId(reformTasks.get(code).processInstanceId())
                .activityId("StartEvent_QuarterEnded").timers().singleResult();
    }

    /** The step's next reminder, due at 09:00 on the day: its timer, then recording and sending. */
    private void fireReminder(String stepId, LocalDate day) {
        ReminderWatches watches = new ReminderWatches(runtimeService, managementService);
        at(day, 9);
        assertThat(watches.timer(stepId).getDuedate()).isEqualTo(ClockUtil.getCurrentTime());
        watches.fire(stepId, ClockUtil.getCurrentTime());
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
