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

import cn.reformoffice.platform.reminder.TaskReminderListener;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * Attaches {@link UserTaskLifecycle} and {@link TaskReminderListener} to every user task of the
 * reform-task process when the model is parsed, ahead of listeners declared in the model, so no
 * task can miss naming, context, server-side validation, the step record, its due date or its
 * reminders.
 */
@Component
class LifecycleParseListener extends AbstractProcessEnginePlugin {

    private final UserTaskLifecycle lifecycle;
    private final TaskReminderListener reminders;

    LifecycleParseListener(UserTaskLifecycle lifecycle, TaskReminderListener reminders) {
        this.lifecycle = lifecycle;
        this.reminders = reminders;
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
            }
        });
    }
}
