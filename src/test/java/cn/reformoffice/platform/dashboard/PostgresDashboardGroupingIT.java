package cn.reformoffice.platform.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.zaxxer.hikari.HikariDataSource;

import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/** {@link DashboardGroupingIT} on a real PostgreSQL server, whose dashboard groups the entries in the database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
class PostgresDashboardGroupingIT extends DashboardGroupingIT {

    @Autowired DataSource dataSource;

    /**
     * The grouped count turns hash aggregation off for its own transaction only: afterwards no connection of the pool
     * (all of them held at once) plans other statements without it.
     */
    @Test
    void thePlannerSettingEndsWithTheDashboardsTransaction() throws SQLException {
        for (int i = 0; i < 30; i++) {
            query.dashboard(2026, i % 2 == 0 ? null : List.of("fgw"), DashboardQuery.Counting.GROUPED);
        }
        int size = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                Connection connection = dataSource.getConnection();
                held.add(connection);
                try (ResultSet setting = connection.createStatement().executeQuery("show enable_hashagg")) {
                    setting.next();
                    assertThat(setting.getString(1)).as("connection " + i + " of " + size).isEqualTo("on");
                }
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }
}
