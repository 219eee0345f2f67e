package cn.reformoffice.platform.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;

import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.ledger.LedgerRecorder;

/**
 * Three units' reform tasks driven through the engine across 2026's third quarter with the engine's clock moved
 * (for {@link ScoresIT} and {@link ScoresPageBrowserIT}):
 * <ul>
 * <li>市发展改革委 ({@link #FGW_TASK}, leader 赵明远, co-operating 市科技局, deadline 2026-09-30): plan on time,
 * report on time (22 July), close-out applied on time (3 August) and approved (5 August): 100 + 2 = 102;</li>
 * <li>市卫生健康委 ({@link #WJW_TASK}): plan 3 working days late and returned, redrafted on time, report 2 working
 * days late: 100 − 2 − 2.5 − 1 = 94.5;</li>
 * <li>市财政局 ({@link #CZJ_TASK}): plan on time, the report asked for on 15 July never submitted, a 督办单 on
 * 15 September: 100 − 5 − 10 (overdue days, capped) − 3 = 82.</li>
 * </ul>
 */
final class ScoreScenario {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String FGW_TASK = "2026-SC1";
    static final String WJW_TASK = "2026-SC2";
    static final String CZJ_TASK = "2026-SC3";

    private final ReformApi api;
    private final TaskService taskService;
    private final WorkingCalendar calendar;
    private final LedgerRecorder recorder;

    /** 市卫生健康委's first plan was due on this day, its report on {@link #wjwReportDue}; 市财政局's on {@link #czjReportDue}. */
    LocalDate wjwDraftDue;
    LocalDate wjwReportDue;
    LocalDate czjReportDue;
    /** A day in the quarter when 市卫生健康委's report was 1 working day overdue and not yet submitted. */
    LocalDate midQuarter;

    ScoreScenario(ReformApi api, TaskService taskService, WorkingCalendar calendar, LedgerRecorder recorder) {
        this.api = api;
        this.taskService = taskService;
        this.calendar = calendar;
        this.recorder = recorder;
    }

    ScoreScenario drive() {
        at(LocalDate.of(2026, 7, 1));
        Map<String, Object> fgw = ReformApi.taskBody(FGW_TASK, "数据要素市场化配置改革", List.of("fgw"));
        fgw.put("leaders", List.of("zhaomingyuan"));
        fgw.put("coopUnits", List.of("kjj"));
        fgw.put("deadline", "2026-09-30");
        api.createTask(fgw);
        api.createTask(ReformApi.taskBody(WJW_TASK, "公立医院综合改革", List.of("wjw")));
        api.createTask(ReformApi.taskBody(CZJ_TASK, "预算绩效管理改革", List.of("czj")));
        wjwDraftDue = due(step(WJW_TASK, "Task_DraftPlan"));

        // 市财政局: plan on time; the office asks for the report in July; it is never submitted
        at(LocalDate.of(2026, 7, 8));
        draft(CZJ_TASK);
        complete(CZJ_TASK, "Task_OfficeApprovePlan", Map.of("planDecision", "approve"));

        // 市发展改革委: plan on time, approved by its leader, report on time, close-out applied and approved
        at(LocalDate.of(2026, 7, 10));
        draft(FGW_TASK);
        complete(FGW_TASK, "Task_LeaderApprovePlan", Map.of("planDecision", "approve"));

        at(LocalDate.of(2026, 7, 15));
        requestReport(CZJ_TASK);
        czjReportDue = due(step(CZJ_TASK, "Task_SubmitQuarterlyReport"));

        at(LocalDate.of(2026, 7, 20));
        requestReport(FGW_TASK);
        at(LocalDate.of(2026, 7, 22));
        report(FGW_TASK, "on-track");
        at(LocalDate.of(2026, 7, 23));
        complete(FGW_TASK, "Task_ReconcileReport", Map.of("reportDecision", "accept"));
        at(LocalDate.of(2026, 8, 3));
        complete(FGW_TASK, "Task_ImplementAndApplyCloseOut", Map.of("completionSummary", "已出台管理办法",
                "achievementType", "policy", "completionEvidence", "文件"));
        at(LocalDate.of(2026, 8, 5));
        complete(FGW_TASK, "Task_ReviewCloseOut", Map.of("closeOutDecision", "approve"));

        // 市卫生健康委: plan 3 working days late and returned, redrafted on time, report 2 working days late
        LocalDate late = calendar.addWorkingDays(wjwDraftDue, 3);
        at(late);
        draft(WJW_TASK);
        complete(WJW_TASK, "Task_OfficeApprovePlan", Map.of("planDecision", "return", "planComment", "请补充措施"));
        at(calendar.addWorkingDays(late, 2));
        draft(WJW_TASK);
        complete(WJW_TASK, "Task_OfficeApprovePlan", Map.of("planDecision", "approve"));
        at(LocalDate.of(2026, 8, 10));
        requestReport(WJW_TASK);
        wjwReportDue = due(step(WJW_TASK, "Task_SubmitQuarterlyReport"));
        midQuarter = calendar.addWorkingDays(wjwReportDue, 1);
        at(calendar.addWorkingDays(wjwReportDue, 2));
        report(WJW_TASK, "behind");
        complete(WJW_TASK, "Task_ReconcileReport", Map.of("reportDecision", "accept"));

        // a 督办单 for 市财政局's overdue report
        at(LocalDate.of(2026, 9, 15));
        recorder.noticeIssued(CZJ_TASK, step(CZJ_TASK, "Task_SubmitQuarterlyReport").getId(), "季度报送",
                "江改督〔2026〕7号", czjReportDue);
        return this;
    }

    /** Moves the engine's clock to 10:00 China time of the day. */
    static void at(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.of(10, 0)).atZone(CHINA).toInstant()));
    }

    Task step(String code, String activityId) {
        return taskService.createTaskQuery().processInstanceBusinessKey(code).processDefinitionKey("reform-task")
                .taskDefinitionKey(activityId).singleResult();
    }

    static LocalDate due(Task task) {
        return task.getDueDate().toInstant().atZone(CHINA).toLocalDate();
    }

    void complete(String code, String activityId, Map<String, Object> variables) {
        Task task = step(code, activityId);
        assertThat(task).as("%s of %s", activityId, code).isNotNull();
        taskService.complete(task.getId(), variables);
    }

    void draft(String code) {
        complete(code, "Task_DraftPlan", Map.of("planMeasures", "措施", "planMilestones", "节点", "planResults", "成果"));
    }

    void requestReport(String code) {
        assertThat(api.post("office1", "/api/tasks/" + code + "/quarterly-report", null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
    }

    void report(String code, String status) {
        complete(code, "Task_SubmitQuarterlyReport", Map.of("reportProgress", "按计划推进", "reportStatus", status,
                "reportNextSteps", "继续推进"));
    }
}
