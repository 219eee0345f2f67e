package cn.reformoffice.platform.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.authorization.Resources;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers engine authorization failures on /engine-rest with a 403 whose message says in Chinese
 * what the user may not do; the engine's English text stays in {@code detail}.
 */
@Provider
public class AuthorizationExceptionMapper implements ExceptionMapper<AuthorizationException> {

    @Override
    public Response toResponse(AuthorizationException exception) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", AuthorizationException.class.getSimpleName());
        body.put("message", chineseMessage(exception));
        body.put("detail", exception.getMessage());
        body.put("userId", exception.getUserId());
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    static String chineseMessage(AuthorizationException exception) {
        String resource = exception.getMissingAuthorizations().stream().map(MissingAuthorization::getResourceType)
                .findFirst().orElse("");
        if (Resources.TASK.resourceName().equals(resource)) {
            return "您无权查看或办理该任务：任务不属于您或您所在的单位。请在“本单位待办”或“我的待办”中办理分配给您的任务。";
        }
        if (Resources.PROCESS_INSTANCE.resourceName().equals(resource)
                || Resources.PROCESS_DEFINITION.resourceName().equals(resource)) {
            return "您无权查看或操作该改革任务的流程：只有相关牵头单位、协同单位、领衔领导和市委改革办可以查看。";
        }
        return "您没有执行此操作的权限，请联系市委改革办或系统管理员。";
    }
}
