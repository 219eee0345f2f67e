package cn.reformoffice.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Upgrading a database whose ledger predates V15 (its default order's rank beside the light) and V16 (the entries'
 * parties with their year and light): every entry gets the rank of its light, the ledger's default order reads them
 * from the new index, a writer that changes the light without its rank is refused, and every party of an entry is
 * in ledger_party with the entry's year and light. On H2 and on a real PostgreSQL server, each migrated by the
 * application's scripts.
 */
class LedgerMigrationIT {

    private static final List<String> LIGHTS = List.of("CLOSED", "GREEN", "RED", "UNASSIGNED", "YELLOW", "BLUE");

    @Test
    void upgradesAnH2Ledger() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:lightrankmigration;DB_CLOSE_DELAY=-1");
        upgrade(h2);
    }

    @Test
    void upgradesAPostgresLedger() throws IOException {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            upgrade(postgres.getPostgresDatabase());
        }
    }

    private static void upgrade(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("14").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        OffsetDateTime now = OffsetDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneOffset.ofHours(8));
        for (int i = 0; i < LIGHTS.size(); i++) {
            String code = "2026-%03d".formatted(i + 1);
            jdbc.update("insert into reform_task (code, plan_year, title, stage, created_at, updated_at)"
                    + " values (?, 2026, ?, 'IMPLEMENTATION', ?, ?)", code, "任务" + i, now, now);
            // the same due date for all but the last: the code decides between them
            jdbc.update("insert into ledger_entry (task_id, task_code, plan_year, step_due, light, light_changed_at,"
                    + " updated_at) select id, code, 2026, ?, ?, ?, ? from reform_task where code = ?",
                    i == LIGHTS.size() - 1 ? null : java.sql.Date.valueOf("2026-12-01"), LIGHTS.get(i), now, now, code);
        }

        jdbc.update("insert into reform_task_party (task_id, role, position, party_id) select id, 'LEAD_UNIT', 0, 'fgw'"
                + " from reform_task where code = '2026-003'");
        jdbc.update("insert into reform_task_party (task_id, role, position, party_id) select id, 'LEAD_UNIT', 1, 'fgw'"
                + " from reform_task where code = '2026-003'");
        jdbc.update("insert into reform_task_party (task_id, role, position, party_id) select id, 'LEADER', 0,"
                + " 'zhaomingyuan' from reform_task where code = '2026-003'");

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        assertThat(jdbc.queryForList("select lp.role || ' ' || lp.party_id || ' ' || lp.plan_year || ' ' || lp.light"
                + " from ledger_party lp order by lp.role", String.class))
                .as("the same unit twice in a role is one row").containsExactly("LEADER zhaomingyuan 2026 RED",
                        "LEAD_UNIT fgw 2026 RED");

        for (String light : LIGHTS) {
            assertThat(jdbc.queryForObject("select light_rank from ledger_entry where light = ?", Integer.class, light))
                    .as(light).isEqualTo(LedgerRecorder.lightRank(light));
        }
        assertThat(jdbc.queryForList("select light from ledger_entry where plan_year = 2026"
                + " order by plan_year, light_rank, step_due nulls last, task_code", String.class))
                .containsExactly("RED", "YELLOW", "GREEN", "UNASSIGNED", "CLOSED", "BLUE");
        assertThatThrownBy(() -> jdbc.update("update ledger_entry set light = 'RED' where light = 'GREEN'"))
                .as("the light changed without its rank").isInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.update("update ledger_entry set light = 'RED', light_rank = 0 where light = 'GREEN'")).isOne();
    }
}
