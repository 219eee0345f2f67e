package cn.reformoffice.platform.score;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The points of the unit scores (考核计分, {@code reform.scores.*}): a base every ranked unit starts from, and the
 * points each counted item adds (positive) or takes off (negative). Read at start-up; the values in force are
 * shown with every score (the page's 计分规则, the Excel file's sheet), so a unit can see how its score came about.
 * See docs/scores.md.
 *
 * @param base           the score a unit starts the period with
 * @param reportOnTime   per quarterly report submitted by its due date
 * @param reportLate     per quarterly report submitted after its due date
 * @param reportMissing  per quarterly report whose due date passed without a submission
 * @param overdueDay     per working day a step of the unit's was overdue in the period
 * @param overdueCap     the most the overdue working days together take off (a negative number, or 0 for no cap)
 * @param notice         per 督办单 (supervision notice) the unit received
 * @param returned       per time the unit's work (plan, report, close-out application, rectification) was sent back
 * @param taskOnTime     per reform task closed out in the period whose close-out application was on time
 */
@ConfigurationProperties("reform.scores")
public record ScoreProperties(BigDecimal base, BigDecimal reportOnTime, BigDecimal reportLate,
        BigDecimal reportMissing, BigDecimal overdueDay, BigDecimal overdueCap, BigDecimal notice,
        BigDecimal returned, BigDecimal taskOnTime) {

    public ScoreProperties {
        base = or(base, "100");
        reportOnTime = or(reportOnTime, "0");
        reportLate = or(reportLate, "-2");
        reportMissing = or(reportMissing, "-5");
        overdueDay = or(overdueDay, "-0.5");
        overdueCap = or(overdueCap, "-10");
        notice = or(notice, "-3");
        returned = or(returned, "-1");
        taskOnTime = or(taskOnTime, "2");
        if (overdueCap.signum() > 0) {
            throw new IllegalStateException("reform.scores.overdue-cap must be negative (the most the overdue "
                    + "working days take off) or 0 for no cap, was " + overdueCap);
        }
    }

    /** The defaults (no {@code reform.scores} settings). */
    public static ScoreProperties defaults() {
        return new ScoreProperties(null, null, null, null, null, null, null, null, null);
    }

    private static BigDecimal or(BigDecimal value, String fallback) {
        return value == null ? new BigDecimal(fallback) : value;
    }
}
