package cn.reformoffice.platform.deployment;

import java.util.Objects;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every version of a process or decision keeps its history as long as its latest version says
 * ({@code camunda:historyTimeToLive}): an instance still running on an older version gets its removal time
 * from its own version when it ends, so a longer retention in a new model must reach the older versions
 * too. Idempotent; a concurrent update by another node starting at the same time is left to that node.
 * History that already has a removal time keeps it (Cockpit's "set removal time" batch changes it).
 */
public final class HistoryTimeToLiveAlignment {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryTimeToLiveAlignment.class);

    private HistoryTimeToLiveAlignment() {
    }

    public static void align(RepositoryService repository) {
        for (ProcessDefinition latest : repository.createProcessDefinitionQuery().latestVersion().list()) {
            for (ProcessDefinition version : repository.createProcessDefinitionQuery()
                    .processDefinitionKey(latest.getKey()).list()) {
                if (!Objects.equals(version.getHistoryTimeToLive(), latest.getHistoryTimeToLive())) {
                    align(version.getId(), version.getHistoryTimeToLive(), latest.getHistoryTimeToLive(),
                            () -> repository.updateProcessDefinitionHistoryTimeToLive(version.getId(),
                                    latest.getHistoryTimeToLive()));
                }
            }
        }
        for (DecisionDefinition latest : repository.createDecisionDefinitionQuery().latestVersion().list()) {
            for (DecisionDefinition version : repository.createDecisionDefinitionQuery()
                    .decisionDefinitionKey(latest.getKey()).list()) {
                if (!Objects.equals(version.getHistoryTimeToLive(), latest.getHistoryTimeToLive())) {
                    align(version.getId(), version.getHistoryTimeToLive(), latest.getHistoryTimeToLive(),
                            () -> repository.updateDecisionDefinitionHistoryTimeToLive(version.getId(),
                                    latest.getHistoryTimeToLive()));
                }
            }
        }
    }

    private static void align(String definitionId, Integer from, Integer to, Runnable update) {
        try {
            update.run();
            LOG.info("History time to live of {}: {} -> {} days (as its latest version)", definitionId, from, to);
        } catch (ProcessEngineException e) {
            LOG.info("History time to live of {} not updated now ({}); the next start does it", definitionId,
                    e.getMessage());
        }
    }
}
