package cn.reformoffice.platform.dashboard;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.reformoffice.platform.deployment.Database;

/**
 * Folds the dashboard's counts on PostgreSQL (ledger_tally, db/vendor/postgresql/V17): a trigger appends a row of
 * changes for every counted change of a ledger entry, and this sums all rows into one per group, every minute on
 * every node. One statement deletes the rows it sees and inserts their sums, so rows committed meanwhile by writers
 * (or folded by another node at the same time) are neither lost nor counted twice. Nothing to do on H2.
 */
@Component
public class DashboardTally {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardTally.class);

    static final String KEYS = "plan_year, light, stage, category, lead_unit";
    /** The counted columns: entries, then each quarter's first reports and, of them, the late ones. */
    private static final List<String> COUNTS = List.of("entries", "q1_reports", "q1_late", "q2_reports", "q2_late",
            "q3_reports", "q3_late", "q4_reports", "q4_late");
    /** {@code sum(entries), sum(q1_reports), …}: the counts of a group, in the order of {@link #COUNTS}. */
    static final String SUMS = COUNTS.stream().map(c -> "sum(" + c + ")").collect(Collectors.joining(", "));
    private static final String FOLD = "with gone as (delete from ledger_tally returning *)"
            + " insert into ledger_tally (" + KEYS + ", " + String.join(", ", COUNTS) + ")"
            + " select " + KEYS + ", " + SUMS + " from gone group by " + KEYS
            // a group whose entries all left it sums to zero throughout: kept only if something does not
            + " having " + COUNTS.stream().map(c -> "sum(" + c + ") <> 0").collect(Collectors.joining(" or "));

    private final JdbcClient jdbc;
    private final Database database;

    DashboardTally(JdbcClient jdbc, Database database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    /** Folds every row seen into one per group; the number of groups left (0 on H2, which has no tally). */
    @Scheduled(initialDelayString = "${reform.dashboard.tally-fold-ms:60000}",
            fixedDelayString = "${reform.dashboard.tally-fold-ms:60000}")
    @Transactional
    public int fold() {
        if (!database.isPostgres()) {
            return 0;
        }
        int groups = jdbc.sql(FOLD).update();
        LOG.debug("Dashboard counts folded into {} groups", groups);
        return groups;
    }
}
