package cn.reformoffice.platform.security;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A request the platform refuses on purpose (an attack shape, or an action the user's role does not
 * allow), with the HTTP status to answer and a Chinese message saying what the user may do instead.
 * It is a {@link BadUserRequestException}, so wherever the engine's REST layer passes it through
 * unwrapped it already answers 400; {@link RefusalExceptionMapper} answers it with its own status on
 * both Camunda REST applications, also when the REST layer wrapped it. The refusal is logged once,
 * where it is raised ({@link SecurityAudit}), so the mappers log nothing.
 */
public class RefusedException extends BadUserRequestException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public RefusedException(int status, String chineseMessage) {
        super(chineseMessage);
        this.status = status;
    }

    public static RefusedException badRequest(String chineseMessage) {
        return new RefusedException(400, chineseMessage);
    }

    public static RefusedException forbidden(String chineseMessage) {
        return new RefusedException(403, chineseMessage);
    }

    public int status() {
        return status;
    }

    /** No stack trace: the cause is the client's request, not the code. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
