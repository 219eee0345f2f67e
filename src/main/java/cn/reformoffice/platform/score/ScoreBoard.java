package cn.reformoffice.platform.score;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The unit scores of a period as of a date (the answer of {@code GET /api/scores}).
 *
 * @param asOf        the day the figures are taken at: the requested date, never after the period's end or today
 * @param periodEnded whether {@code asOf} is the period's last day (the figures are final)
 * @param view        whose view: {@code office} (every unit), {@code leader} (the units of the leader's tasks),
 *                    {@code unit} (the user's own unit)
 * @param rankedUnits how many units are ranked (had something to assess in the period)
 * @param rows        the ranked units the user may see, best first
 * @param unranked    units with nothing to assess in the period (the office's view only)
 * @param rules       the points in force
 */
public record ScoreBoard(String period, String periodLabel, LocalDate periodStart, LocalDate periodEnd,
        LocalDate asOf, boolean periodEnded, String view, int rankedUnits, List<UnitScore> rows,
        List<Unit> unranked, List<Rule> rules) {

    public record Unit(String unitId, String unitName) {
    }

    /**
     * A unit's score: {@code base} plus the items' subtotals; {@code rank} 1 for the best, the same for equal
     * scores (1, 1, 3); {@code ledgerUrl} the ledger filtered for the unit.
     */
    public record UnitScore(int rank, boolean tied, String unitId, String unitName, BigDecimal base, BigDecimal score,
            List<Item> items, String ledgerUrl) {

        public Item item(String key) {
            return items.stream().filter(i -> i.key().equals(key)).findFirst().orElseThrow();
        }
    }

    /**
     * One line of a unit's breakdown: {@code count} × {@code points} = {@code subtotal} ({@code capped} when the
     * cap applied), with what was counted ({@code details}).
     */
    public record Item(String key, String label, String measure, int count, BigDecimal points, BigDecimal subtotal,
            boolean capped, String note, String ledgerUrl, List<Detail> details) {
    }

    /**
     * What one counted thing was: the reform task, the step or 督办单 ({@code what}), its due date, the day it
     * happened ({@code date}: submitted, issued, returned, closed out; null while not done) and working days.
     */
    public record Detail(String taskCode, String taskTitle, String what, LocalDate due, LocalDate date, Integer days,
            String note, String taskUrl) {
    }

    /** A setting of {@code reform.scores} as shown to users. */
    public record Rule(String key, String label, String measure, BigDecimal points, String description) {
    }
}
