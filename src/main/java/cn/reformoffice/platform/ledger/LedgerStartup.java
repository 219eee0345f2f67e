package cn.reformoffice.platform.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At start-up, completes the ledger entries of tasks that existed before the ledger's read model (their
 * lights, earliest steps and search texts); a node started after a day without running catches up with
 * the daily recomputation too. Idempotent: two nodes starting at once record each light change once.
 */
@Component
class LedgerStartup {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerStartup.class);

    private final JdbcClient jdbc;
    private final LedgerRecorder recorder;

    LedgerStartup(JdbcClient jdbc, LedgerRecorder recorder) {
        this.jdbc = jdbc;
        this.recorder = recorder;
    }

    @EventListener(ApplicationReadyEvent.class)
    void refreshIncomplete() {
        long incomplete = jdbc.sql("select count(*) from ledger_entry where search_text is null").query(Long.class)
                .single();
        if (incomplete > 0) {
            LOG.info("Completing {} ledger entries from before the ledger's read model", incomplete);
            recorder.refreshAll();
        }
    }
}
