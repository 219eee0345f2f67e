package cn.reformoffice.platform.calendar;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A calendar change that is refused; every problem is named in Chinese. Answered with 400, nothing changed. */
public class InvalidCalendarException extends ErrorResponseException {

    private final List<String> problems;

    InvalidCalendarException(String summary, List<String> problems) {
        super(HttpStatus.BAD_REQUEST, problemDetail(summary, problems), null);
        this.problems = List.copyOf(problems);
    }

    private static ProblemDetail problemDetail(String summary, List<String> problems) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                summary + "，请修正以下问题：" + String.join("；", problems) + "。");
        detail.setTitle("工作日历有误");
        detail.setProperty("errors", problems);
        return detail;
    }

    public List<String> problems() {
        return problems;
    }
}
