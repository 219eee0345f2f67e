package cn.reformoffice.platform.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/} and {@code forms/} together as one deployment named
 * {@value #DEPLOYMENT_NAME}. Resource names are the classpath-relative paths
 * ({@code processes/reform-task.bpmn}, {@code forms/reform-draft-plan.form}), identical under
 * {@code spring-boot:run}, {@code java -jar} and tests, and duplicate filtering skips the
 * deployment when nothing changed; if anything changed, every resource is deployed again so that a
 * process version always finds its own forms ({@code formRefBinding="deployment"}).
 * Replaces the starter's auto-deployment, whose resource names depend on the launch mode. Older versions take
 * the history time to live of the latest one ({@link HistoryTimeToLiveAlignment}).
 */
@Component
@Order(0)
class ProcessDeployer extends AbstractProcessEnginePlugin {

    static final String DEPLOYMENT_NAME = "reform-platform";
    static final String[] PATTERNS = { "processes/*.bpmn", "processes/*.dmn", "forms/*.form" };
    private static final Logger LOG = LoggerFactory.getLogger(ProcessDeployer.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
                .name(DEPLOYMENT_NAME)
                .source(DEPLOYMENT_NAME)
                .enableDuplicateFiltering(false);
        var resolver = new PathMatchingResourcePatternResolver(getClass().getClassLoader());
        int count = 0;
        try {
            for (String pattern : PATTERNS) {
                String folder = pattern.substring(0, pattern.indexOf('/') + 1);
                for (Resource resource : resolver.getResources("classpath*:" + pattern)) {
                    try (InputStream in = resource.getInputStream()) {
                        builder.addInputStream(folder + resource.getFilename(), new ByteArrayInputStream(in.readAllBytes()));
                        count++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read process resources", e);
        }
        Deployment deployment = builder.deploy();
        LOG.info("Deployment {} ({} resources): {}", DEPLOYMENT_NAME, count, deployment.getId());
        HistoryTimeToLiveAlignment.align(engine.getRepositoryService());
    }
}
