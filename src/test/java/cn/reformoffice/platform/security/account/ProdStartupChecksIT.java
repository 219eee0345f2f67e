package cn.reformoffice.platform.security.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.reformoffice.platform.ReformPlatformApplication;

/**
 * The prod profile refuses to start with an organization file holding passwords and with an admin
 * password (REFORM_ADMIN_PASSWORD) that does not meet the password policy, saying why in Chinese and
 * English; with a strong one it starts and the admin logs in with it.
 */
class ProdStartupChecksIT {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String ORGANIZATION = """
            office:
              id: office
              name: 市委改革办
            units:
              - id: fgw
                name: 市发展改革委
            people:
              - id: fgw1
                name: 张伟
                unit: fgw
            %s
            admins:
              - id: admin
                name: 系统管理员
            """;

    @TempDir Path dir;

    @Test
    void anOrganizationFileWithPasswordsStopsTheStart() throws IOException {
        Path file = organization("""
                  - id: office1
                    name: 刘洋
                    unit: office
                    password: Gaige#2026plan
                """);
        assertThatThrownBy(() -> start(file, "Strong#Admin2026").close()).rootCause()
                .hasMessageContaining("含有密码").hasMessageContaining("office1")
                .hasMessageContaining("contains passwords");
    }

    @Test
    void aWeakAdminPasswordStopsTheStart() throws IOException {
        Path file = organization("");
        for (String weak : new String[] { "1", "admin2026", "Admin#2026", "abcdefgh" }) {
            assertThatThrownBy(() -> start(file, weak).close()).as(weak).rootCause()
                    .hasMessageContaining("REFORM_ADMIN_PASSWORD").hasMessageContaining("不符合密码策略")
                    .hasMessageContaining("does not meet the password policy");
        }
    }

    @Test
    void aStrongAdminPasswordStartsAndLogsIn() throws IOException {
        try (ConfigurableApplicationContext context = start(organization(""), "Strong#Gaige2026")) {
            IdentityService identity = context.getBean(IdentityService.class);
            assertThat(identity.checkPassword("admin", "Strong#Gaige2026")).isTrue();
            assertThat(identity.createUserQuery().userId("fgw1").singleResult()).isNotNull();
        }
    }

    private Path organization(String morePeople) throws IOException {
        Path file = dir.resolve("organization-" + DATABASES.incrementAndGet() + ".yml");
        Files.writeString(file, ORGANIZATION.formatted(morePeople.isEmpty() ? "" : morePeople.stripTrailing()
                .replaceFirst("^\\s+", "  ")));
        return file;
    }

    private static ConfigurableApplicationContext start(Path organization, String adminPassword) {
        return new SpringApplicationBuilder(ReformPlatformApplication.class).profiles("prod").run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:prodstartup" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1",
                "--camunda.bpm.job-execution.enabled=false",
                "--reform.organization.file=file:" + organization.toAbsolutePath(),
                "--reform.organization.admin-password=" + adminPassword);
    }
}
