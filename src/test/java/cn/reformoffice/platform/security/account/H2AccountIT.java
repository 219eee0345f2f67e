package cn.reformoffice.platform.security.account;

import org.springframework.test.context.TestPropertySource;

/** Accounts and passwords on H2, the embedded default. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:h2accountit;DB_CLOSE_DELAY=-1")
class H2AccountIT extends AbstractAccountIT {
}
