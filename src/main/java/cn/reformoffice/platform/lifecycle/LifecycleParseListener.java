package cn.reformoffice.platform.lifecycle;

import java.util.ArrayList;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.ledger.LedgerStepListener;
import cn.reformoffice.platform.reminder.TaskReminderListener;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * Attaches {@link UserTaskLifecycle}, {@link TaskReminderListener} and {@link LedgerStepListener} to every user task of the
 * reform-task process when the model is parsed, ahead of listeners declared in the model, so no
 * task can miss naming, context, server-side validation, the step record, its due date or its
 * reminders.
 */
@Component
class LifecycleParseListener extends AbstractProcessEnginePlugin {

    private final UserTaskLifecycle lifecycle;
    private final TaskReminderListener reminders;
    private final LedgerStepListener ledger;

    LifecycleParseListener(UserTaskLifecycle lifecycle, TaskReminderListener reminders, LedgerStepListener ledger) {
        this.lifecycle = lifecycle;
        this.reminders = reminders;
        this.ledger = ledger;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (!ReformTaskService.PROCESS_KEY.equals(((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey())) {
                    return;
                }
                TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior())
                        .getTaskDefinition();
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, lifecycle);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, lifecycle);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, reminders);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, reminders);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, reminders);
                // last: the step has its name, due date and record
                for (String event : new String[] { TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT,
                        TaskListener.EVENTNAME_UPDATE, TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE }) {
                    definition.addBuiltInTaskListener(event, ledger);
                }
            }
        });
    }
}
