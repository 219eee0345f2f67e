package cn.reformoffice.platform.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** New versions of reform-task for the tests, deployed as ProcessDeployer does, and Camunda's batches run by hand. */
final class ReformTaskVersions {

    private ReformTaskVersions() {
    }

    /** processes/reform-task.bpmn without its diagram (not needed to run; it would point at removed elements). */
    static BpmnModelInstance original() {
        try (InputStream in = ReformTaskVersions.class.getResourceAsStream("/processes/reform-task.bpmn")) {
            BpmnModelInstance model = Bpmn.readModelFromStream(in);
            for (BpmnDiagram diagram : new ArrayList<>(model.getDefinitions().getBpmDiagrams())) {
                model.getDefinitions().removeChildElement(diagram);
            }
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The process with every form of forms/ (each version takes its forms from its own deployment) and the
     * extra forms given as classpath resources (deployed as forms/&lt;file name&gt;); the new definition.
     */
    static ProcessDefinition deploy(RepositoryService repository, String name, BpmnModelInstance model,
            List<String> extraForms) {
        DeploymentBuilder deployment = repository.createDeployment().name(name)
                .addModelInstance("processes/reform-task.bpmn", model);
        try {
            for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
                try (InputStream in = form.getInputStream()) {
                    deployment.addString("forms/" + form.getFilename(), new String(in.readAllBytes(),
                            StandardCharsets.UTF_8));
                }
            }
            for (String extra : extraForms) {
                try (InputStream in = ReformTaskVersions.class.getResourceAsStream(extra)) {
                    deployment.addString("forms/" + extra.substring(extra.lastIndexOf('/') + 1),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String deploymentId = deployment.deploy().getId();
        return repository.createProcessDefinitionQuery().deploymentId(deploymentId).processDefinitionKey("reform-task")
                .singleResult();
    }

    /** What the job executor does in production: the seed job, the migration jobs, then the monitor job. */
    static void runBatch(ManagementService management, String batchId) {
        Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
        executeAll(management, batch.getSeedJobDefinitionId());
        executeAll(management, batch.getBatchJobDefinitionId());
        executeAll(management, batch.getMonitorJobDefinitionId());
        assertThat(management.createBatchQuery().batchId(batchId).count()).as("batch ended").isZero();
    }

    private static void executeAll(ManagementService management, String jobDefinitionId) {
        for (int i = 0; i < 50; i++) {
            List<Job> jobs = management.createJobQuery().jobDefinitionId(jobDefinitionId).list();
            if (jobs.isEmpty()) {
                return;
            }
            management.executeJob(jobs.get(0).getId());
        }
    }
}
