package cn.reformoffice.platform.api;

import org.springframework.test.context.TestPropertySource;

/** The platform on H2, the embedded default. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:h2platformit;DB_CLOSE_DELAY=-1")
class H2PlatformIT extends AbstractPlatformIT {
}
