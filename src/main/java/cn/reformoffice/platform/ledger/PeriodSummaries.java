package cn.reformoffice.platform.ledger;

import java.time.LocalDate;

import org.springframework.stereotype.Service;

/**
 * Computes {@link PeriodSummary} figures of the plan year of a day, as of the end of that day, from the
 * ledger's events ({@link LedgerAsOf}): the summary task, {@code GET /api/ledger/summary} and the Word
 * document ({@link SummaryDocument}) give the same figures for the same day, whenever they are asked.
 */
@Service
public class PeriodSummaries {

    private final LedgerAsOf ledger;

    PeriodSummaries(LedgerAsOf ledger) {
        this.ledger = ledger;
    }

    /** Figures for the year of {@code day} as of its end: 半年小结 up to 30 June, 年终总账 after. */
    public PeriodSummary summarize(LocalDate day) {
        return PeriodSummary.of(snapshot(day));
    }

    LedgerAsOf.Snapshot snapshot(LocalDate day) {
        return ledger.of(day.getYear(), day);
    }
}
