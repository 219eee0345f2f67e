package cn.reformoffice.platform.task;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A reform task that cannot be created; every problem is named in Chinese. Answered with 400. */
public class InvalidReformTaskException extends ErrorResponseException {

    private final List<String> problems;

    public InvalidReformTaskException(List<String> problems) {
        super(HttpStatus.BAD_REQUEST, problemDetail(problems), null);
        this.problems = List.copyOf(problems);
    }

    private static ProblemDetail problemDetail(List<String> problems) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "改革任务未创建，请修正以下问题：" + String.join("；", problems) + "。");
        detail.setTitle("改革任务信息有误");
        detail.setProperty("errors", problems);
        return detail;
    }

    public List<String> problems() {
        return problems;
    }
}
