package cn.reformoffice.platform.ledger;

/**
 * The office's half-year (半年小结) or year-end (年终算总账) figures, taken from data: the year's
 * reform tasks by state, and the quarterly reports due in the period by punctuality.
 */
public record PeriodSummary(int year, String period, long tasks, long completed, long inProgress, long notStarted,
        long reportsOnTime, long reportsLate, long reportsMissing, long reportsPending) {

    public String markdown() {
        return String.join("\n\n",
                "**" + year + "年" + period + "**",
                "改革任务共 **" + tasks + "** 项：已完成（已销号） **" + completed + "** 项（" + percent(completed, tasks)
                        + "），推进中 **" + inProgress + "** 项，未启动 **" + notStarted + "** 项。",
                "季度报送：按时 **" + reportsOnTime + "** 份，逾期报送 **" + reportsLate + "** 份，逾期未报 **"
                        + reportsMissing + "** 份，尚未到期 **" + reportsPending + "** 份。");
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : Math.round(part * 1000.0 / whole) / 10.0 + "%";
    }
}
