package cn.reformoffice.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * Reform tasks start on the latest version of {@code reform-task} without asking the database for every task:
 * a version deployed on this node is used from the next task on.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:latestversions;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class LatestVersionsTest {

    @Autowired ReformTaskService reformTasks;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;

    @Test
    void aNewVersionDeployedHereStartsTheNextTask() throws IOException {
        ProcessDefinition first = latest();
        assertThat(definitionOf(start("LV-1"))).isEqualTo(first.getId());
        assertThat(definitionOf(start("LV-2"))).isEqualTo(first.getId());

        String model = Files.readString(Path.of("processes/reform-task.bpmn"), StandardCharsets.UTF_8);
        var deployment = repositoryService.createDeployment().name("改革任务流程新版本")
                .addString("reform-task.bpmn", model.replace("</bpmn:definitions>",
                        "<!-- version 2 -->\n</bpmn:definitions>"));
        try (var forms = Files.list(Path.of("forms"))) { // a version brings its forms along
            for (Path form : forms.toList()) {
                deployment.addString("forms/" + form.getFileName(), Files.readString(form, StandardCharsets.UTF_8));
            }
        }
        deployment.deploy();
        ProcessDefinition second = latest();
        assertThat(second.getVersion()).isEqualTo(first.getVersion() + 1);

        assertThat(definitionOf(start("LV-3"))).isEqualTo(second.getId());
    }

    private ProcessDefinition latest() {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey("reform-task").latestVersion()
                .singleResult();
    }

    private ReformTask start(String code) {
        return reformTasks.createAndStart(new NewReformTask(code, 2026, "测试", "版本测试" + code, null, null, List.of(),
                List.of("fgw"), List.of(), LocalDate.of(2026, 12, 31)), "office1");
    }

    private String definitionOf(ReformTask task) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(task.processInstanceId()).singleResult()
                .getProcessDefinitionId();
    }
}
