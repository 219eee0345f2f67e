package cn.reformoffice.platform.operations;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Gives the engine the metrics registry that keeps this node's totals ({@link EngineMetricsRegistry}). */
@Component
class EngineMetricsPlugin extends AbstractProcessEnginePlugin {

    private final EngineMetricsRegistry registry = new EngineMetricsRegistry();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setMetricsRegistry(registry);
    }

    EngineMetricsRegistry registry() {
        return registry;
    }
}
