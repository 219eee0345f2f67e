package cn.reformoffice.platform.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The office's reminder rules are read with the latest deployed version, which is looked up at most every few
 * seconds; a version the office deploys on this node applies from its commit on, not seconds later.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:ruletable;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class ReminderRuleTableTest {

    @Autowired ReminderRuleTable table;
    @Autowired ProcessEngine engine;

    @Test
    void aNewVersionDeployedHereAppliesAtOnce() throws IOException {
        assertThat(table.rulesFor(engine, "Task_DraftPlan").dueSoonDays()).isEqualTo(3);
        assertThat(table.rulesFor(engine, "Task_DraftPlan").dueSoonDays()).isEqualTo(3); // now known for a while

        String rules = Files.readString(Path.of("processes/reminder-rules.dmn"), StandardCharsets.UTF_8);
        String changed = rules.replace("<outputEntry id=\"OutputEntry_1_DueSoon\"><text>3</text>",
                "<outputEntry id=\"OutputEntry_1_DueSoon\"><text>4</text>");
        assertThat(changed).isNotEqualTo(rules);
        engine.getRepositoryService().createDeployment().name("改革办调整提醒规则")
                .addString("reminder-rules.dmn", changed).deploy();

        assertThat(table.rulesFor(engine, "Task_DraftPlan").dueSoonDays()).isEqualTo(4);
        assertThat(table.rulesFor(engine, "Task_LeaderApprovePlan").dueSoonDays()).isEqualTo(1);
    }
}
