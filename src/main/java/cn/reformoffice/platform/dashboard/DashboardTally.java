package cn.reformoffice.platform.dashboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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

    private static final String KEYS = "plan_year, light, stage, category, lead_unit";
    /** The counted columns: entries, then each quarter's first reports and, of them, the late ones. */
    private static final List<String> COUNTS = List.of("entries", "q1_reports", "q1_late", "q2_reports", "q2_late",
            "q3_reports", "q3_late", "q4_reports", "q4_late");
    /** {@code sum(entries), sum(q1_reports), …}: the counts of a group, in the order of {@link #COUNTS}. */
    static final String SUMS = COUNTS.stream().map(c -> "sum(" + c + ")").collect(Collectors.joining(", "));
    /** The groups of the table put for %s, summed; a group whose entries all left it sums to zero throughout. */
    private static final String SUMMED = "select " + KEYS + ", " + SUMS + " from %s group by " + KEYS + " having "
            + COUNTS.stream().map(c -> "sum(" + c + ") <> 0").collect(Collectors.joining(" or "));
    private static final String INSERT = "insert into ledger_tally (" + KEYS + ", " + String.join(", ", COUNTS) + ") ";
    private static final String FOLD = "with gone as (delete from ledger_tally returning *) " + INSERT
            + SUMMED.formatted("gone");

    /** Each group's counts as the entries give them, in the order of {@link #COUNTS} (V17 filled the table so). */
    private static final String COUNTED = "select " + KEYS + ", count(*), " + IntStream.rangeClosed(1, 4)
            .mapToObj(q -> "count(report_q" + q + "_late), count(*) filter (where report_q" + q + "_late > 0)")
            .collect(Collectors.joining(", ")) + " from ledger_entry group by " + KEYS;

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

    /**
     * The nightly check (ledger-daily.bpmn, after the lights): the kept counts against the entries counted now, and
     * counted again from the entries where they differ (a change the trigger did not see: rows copied in with
     * triggers disabled, a restore of one table without the other). Writers wait for the check (ledger_tally locked
     * against inserts, a few milliseconds at 10,000 tasks), so both sides are read at one state. True when the kept
     * counts were right (always on H2, which counts the entries at every request).
     */
    @Transactional
    public boolean check() {
        if (!database.isPostgres()) {
            return true;
        }
        jdbc.sql("lock table ledger_tally in share row exclusive mode").update();
        Map<List<Object>, List<Long>> kept = groups(SUMMED.formatted("ledger_tally"));
        Map<List<Object>, List<Long>> counted = groups(COUNTED);
        if (kept.equals(counted)) {
            return true;
        }
        Set<List<Object>> groups = new HashSet<>(kept.keySet());
        groups.addAll(counted.keySet());
        long differing = groups.stream().filter(g -> !Objects.equals(kept.get(g), counted.get(g))).count();
        LOG.warn("The dashboard's kept counts (ledger_tally) differed from the ledger's entries in {} of {} groups;"
                + " counted again from the entries", differing, counted.size());
        jdbc.sql("delete from ledger_tally").update();
        jdbc.sql(INSERT + COUNTED).update();
        return false;
    }

    /** Each group (its five keys) with its counts. */
    private Map<List<Object>, List<Long>> groups(String sql) {
        Map<List<Object>, List<Long>> groups = new HashMap<>();
        jdbc.sql(sql).query(rs -> {
            List<Object> key = Arrays.asList(rs.getObject(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5));
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < COUNTS.size(); i++) {
                counts.add(rs.getLong(6 + i));
            }
            groups.put(key, counts);
        });
        return groups;
    }
}
