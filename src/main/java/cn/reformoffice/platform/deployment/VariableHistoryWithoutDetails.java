package cn.reformoffice.platform.deployment;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Full history, but without a row in ACT_HI_DETAIL for every change of a process variable. Camunda's history
 * level {@code full} writes each variable update twice: the variable's historic instance (ACT_HI_VARINST, its
 * latest value, which the platform and Cockpit read) and a detail row per update (ACT_HI_DETAIL, the value as
 * it was after that update). Nothing reads the details: Tasklist and community Cockpit show no variable history,
 * the platform keeps what a unit submitted at each step in its own record ({@code reform_task_record}) and
 * the ledger's events. A simulated year wrote ~200 detail rows per reform task, more than any other table
 * (docs/benchmarks.md, storage). The history level stays {@code full} (the database's recorded level is
 * unchanged, so existing installations start as before); everything else of it is written as Camunda does.
 * <p>
 * Replaces the engine's default history handler by the same handler minus the details; handlers that other
 * plugins add ({@code customHistoryEventHandlers}) still receive every event.
 */
@Component
class VariableHistoryWithoutDetails extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(0, new WithoutVariableDetails());
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setEnableDefaultDbHistoryEventHandler(false);
    }

    /** Camunda's database history handler, writing no ACT_HI_DETAIL row for a variable update. */
    static class WithoutVariableDetails extends DbHistoryEventHandler {

        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity historyEvent) {
            return false;
        }
    }
}
