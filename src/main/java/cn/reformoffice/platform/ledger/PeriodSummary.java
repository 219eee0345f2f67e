package cn.reformoffice.platform.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import cn.reformoffice.platform.ledger.LedgerAsOf.ReportStatus;
import cn.reformoffice.platform.ledger.LedgerAsOf.Snapshot;
import cn.reformoffice.platform.task.Stage;

/**
 * The office's half-year (半年小结) or year-end (年终总账) figures of a plan year as of the end of a day,
 * from the ledger's events ({@link LedgerAsOf}), so they are the same whenever they are computed:
 * <ul>
 * <li>{@code completed}: 已销号; {@code inProgress}: the process runs (方案制定, 方案审定, 实施, 销号审核),
 * split into {@code planning} (方案制定, 方案审定) and {@code implementing} (实施, 销号审核);
 * {@code awaitingDeployment} (需等待上级部署): 待分配, imported without a lead unit, waiting for the
 * office to deploy it to a unit;</li>
 * <li>the year's quarterly reports by punctuality, and the on-time rate: on time over the reports due
 * (on time, late and missing; those not yet due are left out);</li>
 * <li>{@code notices}: 督办单 issued for the year's tasks; {@code overdueSteps}: steps open and past due at
 * the end of the day.</li>
 * </ul>
 */
public record PeriodSummary(int year, String period, LocalDate asOf, long tasks, long completed, long inProgress,
        long planning, long implementing, long awaitingDeployment, long reportsOnTime, long reportsLate,
        long reportsMissing, long reportsPending, long notices, long overdueSteps) {

    static PeriodSummary of(Snapshot snapshot) {
        LocalDate asOf = snapshot.asOf();
        long planning = snapshot.count(Stage.DRAFTING, Stage.APPROVAL);
        long implementing = snapshot.count(Stage.IMPLEMENTATION, Stage.CLOSE_OUT_REVIEW);
        return new PeriodSummary(snapshot.year(), periodOf(asOf), asOf, snapshot.tasks().size(),
                snapshot.count(Stage.CLOSED), planning + implementing, planning, implementing,
                snapshot.count(Stage.AWAITING_ASSIGNMENT), snapshot.reports(ReportStatus.ON_TIME),
                snapshot.reports(ReportStatus.LATE), snapshot.reports(ReportStatus.MISSING),
                snapshot.reports(ReportStatus.PENDING), snapshot.notices().size(), snapshot.overdueOpenSteps().size());
    }

    /** 半年小结 for a day up to 30 June, 年终总账 after. */
    static String periodOf(LocalDate day) {
        return day.getMonthValue() <= 6 ? "半年小结" : "年终总账";
    }

    public long reportsDue() {
        return reportsOnTime + reportsLate + reportsMissing;
    }

    /** 截至2026年6月30日，全年N项改革任务，已完成M项（x%），推进中K项，需等待上级部署J项。 */
    public String opening() {
        return "截至" + chinese(asOf) + "，全年" + tasks + "项改革任务，已完成" + completed + "项（" + percent(completed, tasks)
                + "），推进中" + inProgress + "项，需等待上级部署" + awaitingDeployment + "项。";
    }

    /** The quarterly reports in one sentence. */
    public String reportsSentence() {
        return "季度报送应报" + reportsDue() + "份，按时报送" + reportsOnTime + "份，逾期报送" + reportsLate + "份，逾期未报"
                + reportsMissing + "份，按时报送率" + percent(reportsOnTime, reportsDue()) + "；另有" + reportsPending
                + "份尚未到期。";
    }

    public String markdown() {
        return String.join("\n\n",
                "**" + year + "年" + period + "**（截至" + chinese(asOf) + "）",
                "全年改革任务 **" + tasks + "** 项：已完成（已销号） **" + completed + "** 项（" + percent(completed, tasks)
                        + "），推进中 **" + inProgress + "** 项（方案制定、审定阶段 " + planning + " 项，实施及销号审核阶段 "
                        + implementing + " 项），需等待上级部署（待分配牵头单位） **" + awaitingDeployment + "** 项。",
                "季度报送：按时 **" + reportsOnTime + "** 份，逾期报送 **" + reportsLate + "** 份，逾期未报 **"
                        + reportsMissing + "** 份，尚未到期 **" + reportsPending + "** 份；按时报送率 "
                        + percent(reportsOnTime, reportsDue()) + "。",
                "督办：已发督办单 **" + notices + "** 份，截至当日逾期未办结环节 **" + overdueSteps + "** 个。");
    }

    /** A share as a percentage with at most one decimal (33.3%, 0%, 100%); — when there is nothing to share. */
    public static String percent(long part, long whole) {
        if (whole == 0) {
            return "—";
        }
        return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "%";
    }

    /** 2026年6月30日 */
    public static String chinese(LocalDate day) {
        return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
    }
}
