package cn.reformoffice.platform.security;

import org.springframework.test.context.TestPropertySource;

/** The engine's REST surfaces on H2, the embedded default. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:h2enginesecurityit;DB_CLOSE_DELAY=-1")
class H2EngineSecurityIT extends AbstractEngineSecurityIT {
}
