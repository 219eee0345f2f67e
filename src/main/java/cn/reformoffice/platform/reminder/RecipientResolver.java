package cn.reformoffice.platform.reminder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.organization.OrganizationFile.Unit;
import cn.reformoffice.platform.task.ReformTask;

/**
 * Who receives a reminder: the one responsible for the task (its assignee, else its candidate
 * units); for a supervision notice also the lead leaders and the office, as the rules say.
 */
@Component
class RecipientResolver {

    private final OrganizationDirectory directory;

    RecipientResolver(OrganizationDirectory directory) {
        this.directory = directory;
    }

    List<Recipient> responsible(ProcessEngineServices engine, Task task) {
        List<Recipient> recipients = new ArrayList<>();
        if (task.getAssignee() != null) {
            recipients.add(person(engine, task.getAssignee()));
        } else {
            for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(task.getId())) {
                if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                    recipients.add(group(link.getGroupId()));
                }
            }
        }
        return recipients;
    }

    List<Recipient> forLevel(ProcessEngineServices engine, Task task, ReformTask reformTask, Level level,
            ReminderRules rules) {
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        responsible(engine, task).forEach(r -> recipients.put(r.key(), r));
        if (level == Level.ESCALATION) {
            if (rules.copyToLeaders()) {
                reformTask.leaderIds().forEach(id -> recipients.putIfAbsent("user:" + id, person(engine, id)));
            }
            if (rules.copyToOffice()) {
                recipients.putIfAbsent("group:" + directory.officeGroupId(), group(directory.officeGroupId()));
            }
        }
        return List.copyOf(recipients.values());
    }

    private Recipient person(ProcessEngineServices engine, String userId) {
        User user = engine.getIdentityService().createUserQuery().userId(userId).singleResult();
        return new Recipient("user:" + userId, directory.personName(userId), user == null ? null : user.getEmail(),
                null);
    }

    private Recipient group(String groupId) {
        Unit unit = directory.findUnit(groupId).orElse(null);
        return new Recipient("group:" + groupId, directory.unitName(groupId), unit == null ? null : unit.email(),
                unit == null ? null : unit.webhook());
    }
}
