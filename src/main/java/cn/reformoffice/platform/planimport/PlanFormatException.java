package cn.reformoffice.platform.planimport;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A file that cannot be imported: not a plan or ledger, damaged, too large or hostile. The message says
 * in Chinese what was expected and, where known, where it went wrong. Nothing is imported.
 */
class PlanFormatException extends ErrorResponseException {

    private final String message;
    private final String location;

    PlanFormatException(String message) {
        this(HttpStatus.BAD_REQUEST, message, null);
    }

    PlanFormatException(String message, String location) {
        this(HttpStatus.BAD_REQUEST, message, location);
    }

    PlanFormatException(HttpStatus status, String message, String location) {
        super(status, problem(status, message, location), null);
        this.message = message;
        this.location = location;
    }

    private static ProblemDetail problem(HttpStatus status, String message, String location) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, message);
        detail.setTitle("文件无法导入");
        if (location != null) {
            detail.setProperty("location", location);
        }
        return detail;
    }

    @Override
    public String getMessage() {
        return message;
    }

    String location() {
        return location;
    }
}
