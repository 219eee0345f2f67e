package cn.reformoffice.platform.lifecycle;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the Camunda Forms of a deployment, so that server-side checks use the very form the user
 * filled in (a process version keeps its own forms). Cached per deployment and form.
 * Must be called inside an engine command (a listener).
 */
@Component
class FormCatalog {

    private final ObjectMapper json;
    private final Map<String, TaskForm> cache = new ConcurrentHashMap<>();

    FormCatalog(ObjectMapper json) {
        this.json = json;
    }

    TaskForm form(String deploymentId, String formId) {
        return cache.computeIfAbsent(deploymentId + "/" + formId, key -> load(deploymentId, formId));
    }

    private TaskForm load(String deploymentId, String formId) {
        String name = "forms/" + formId + ".form";
        ResourceEntity resource = Context.getCommandContext().getResourceManager()
                .findResourceByDeploymentIdAndResourceName(deploymentId, name);
        if (resource == null) {
            throw new IllegalStateException("Form " + name + " is not in deployment " + deploymentId);
        }
        try {
            return TaskForm.parse(json.readTree(resource.getBytes()));
        } catch (IOException e) {
            throw new IllegalStateException("Form " + name + " is not valid JSON", e);
        }
    }
}
