package cn.reformoffice.platform.lifecycle;

import java.util.Map;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The engine wraps exceptions of task listeners, so a form our listeners reject reaches
 * /engine-rest as a 500 "Cannot complete task …: ENGINE-03051 …". This answers it as what it is:
 * 400 with the Chinese message of the check. Other errors keep Camunda's handling.
 */
@Provider
@Priority(Priorities.USER - 100)
public class RejectedSubmissionMapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camundaHandler = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof FormFieldValidationException rejected) {
                return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(Map.of("type", "FormFieldValidationException", "message", rejected.getMessage()))
                        .build();
            }
        }
        return camundaHandler.toResponse(exception);
    }
}
