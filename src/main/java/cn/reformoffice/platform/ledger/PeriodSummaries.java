package cn.reformoffice.platform.ledger;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.reformoffice.platform.ReformPlatformApplication;
import cn.reformoffice.platform.task.ReformTaskService;

/** Computes {@link PeriodSummary} figures from the task records and the engine's task history. */
@Service
public class PeriodSummaries {

    private static final ZoneId CHINA = ZoneId.of(ReformPlatformApplication.CHINA_ZONE);

    private final JdbcClient jdbc;
    private final HistoryService historyService;

    PeriodSummaries(JdbcClient jdbc, HistoryService historyService) {
        this.jdbc = jdbc;
        this.historyService = historyService;
    }

    /** Figures for the year of {@code day}: first half-year up to June, the whole year after. */
    public PeriodSummary summarize(LocalDate day) {
        int year = day.getYear();
        boolean halfYear = day.getMonthValue() <= 6;
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = halfYear ? LocalDate.of(year, 6, 30) : LocalDate.of(year, 12, 31);

        Map<String, Long> byStage = new java.util.HashMap<>();
        jdbc.sql("select stage, count(*) as n from reform_task where plan_year = ? group by stage").param(year)
                .query((rs, row) -> byStage.put(rs.getString("stage"), rs.getLong("n"))).list();
        long completed = byStage.getOrDefault("CLOSED", 0L);
        long inProgress = byStage.getOrDefault("IMPLEMENTATION", 0L) + byStage.getOrDefault("CLOSE_OUT_REVIEW", 0L);
        long total = byStage.values().stream().mapToLong(Long::longValue).sum();

        Date now = ClockUtil.getCurrentTime();
        long onTime = 0;
        long late = 0;
        long missing = 0;
        long pending = 0;
        for (HistoricTaskInstance report : historyService.createHistoricTaskInstanceQuery()
                .processDefinitionKey(ReformTaskService.PROCESS_KEY).taskDefinitionKey("Task_SubmitQuarterlyReport")
                .startedAfter(start(from)).startedBefore(start(to.plusDays(1))).list()) {
            Date due = report.getDueDate();
            if (report.getEndTime() != null && "completed".equals(report.getDeleteReason())) {
                if (due == null || !report.getEndTime().after(due)) {
                    onTime++;
                } else {
                    late++;
                }
            } else if (report.getEndTime() == null) {
                if (due != null && now.after(due)) {
                    missing++;
                } else {
                    pending++;
                }
            }
        }
        return new PeriodSummary(year, halfYear ? "半年小结" : "年终总结", total, completed, inProgress,
                total - completed - inProgress, onTime, late, missing, pending);
    }

    private static Date start(LocalDate day) {
        return Date.from(day.atStartOfDay(CHINA).toInstant());
    }
}
