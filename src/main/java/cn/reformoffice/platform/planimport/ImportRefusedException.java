package cn.reformoffice.platform.planimport;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A confirm that cannot go ahead (unresolved names, tasks with errors) or that failed and was rolled back.
 * Every problem is named in Chinese in {@code errors}.
 */
class ImportRefusedException extends ErrorResponseException {

    private final String message;

    ImportRefusedException(HttpStatus status, String message, List<String> problems) {
        super(status, problem(status, message, problems), null);
        this.message = message;
    }

    private static ProblemDetail problem(HttpStatus status, String message, List<String> problems) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, message);
        detail.setTitle(status.is5xxServerError() ? "导入失败" : "无法确认导入");
        detail.setProperty("errors", problems);
        return detail;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
