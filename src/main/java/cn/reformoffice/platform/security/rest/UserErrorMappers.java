package cn.reformoffice.platform.security.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

import cn.reformoffice.platform.security.RefusedException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A user's mistake or a refused request answers as what it is, on {@code /engine-rest} and on the
 * webapps' engine API alike: a 4xx whose {@code message} is the Chinese text alone. The engine's REST
 * layer wraps many exceptions ("Cannot complete task …: ENGINE-03051 …", status 500); these mappers
 * look through the causes for:
 * <ul>
 * <li>{@link RefusedException} — the platform's refusals, with their own status;</li>
 * <li>{@link FormFieldValidationException} — a form the platform's listeners rejected (400);</li>
 * <li>{@link TaskAlreadyClaimedException} — somebody else claimed the task first (409).</li>
 * </ul>
 * Everything else keeps Camunda's own handling. Nothing is logged here: refusals are logged once
 * where they are raised.
 */
public final class UserErrorMappers {

    private UserErrorMappers() {
    }

    static Response userError(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedException refused) {
                return json(refused.status(), "RefusedException", refused.getMessage());
            }
            if (cause instanceof FormFieldValidationException rejected) {
                return json(400, "FormFieldValidationException", rejected.getMessage());
            }
            if (cause instanceof TaskAlreadyClaimedException claimed) {
                return json(409, "TaskAlreadyClaimedException", "该任务已被其他人认领（" + claimed.getTaskAssignee()
                        + "），请刷新任务列表。如需改由您办理，请先由认领人取消认领，或联系市委改革办。");
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return null;
    }

    private static Response json(int status, String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** Exceptions the REST layer wrapped ("Cannot complete task …"). */
    @Provider
    @Priority(Priorities.USER - 100)
    public static class ForRestExceptions implements ExceptionMapper<RestException> {

        private final RestExceptionHandler camunda = new RestExceptionHandler();

        @Override
        public Response toResponse(RestException exception) {
            Response response = userError(exception);
            return response != null ? response : camunda.toResponse(exception);
        }
    }

    /** Engine exceptions that reach the REST layer as they are. */
    @Provider
    @Priority(Priorities.USER - 100)
    public static class ForEngineExceptions implements ExceptionMapper<ProcessEngineException> {

        private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

        @Override
        public Response toResponse(ProcessEngineException exception) {
            Response response = userError(exception);
            return response != null ? response : camunda.toResponse(exception);
        }
    }
}
