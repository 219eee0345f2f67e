package cn.reformoffice.platform.reminder;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.variable.Variables;

/** Evaluates the office's DMN decision {@value #DECISION} (processes/reminder-rules.dmn) for a stage. */
final class ReminderRuleTable {

    static final String DECISION = "reminder-rules";

    private ReminderRuleTable() {
    }

    static ReminderRules rulesFor(ProcessEngineServices engine, String stage) {
        Map<String, Object> result = engine.getDecisionService().evaluateDecisionTableByKey(DECISION,
                Variables.createVariables().putValue("stage", stage)).getSingleResult().getEntryMap();
        return ReminderRules.from(result);
    }
}
