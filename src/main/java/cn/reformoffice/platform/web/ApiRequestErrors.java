package cn.reformoffice.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Requests to {@code /api} that Spring refuses before a controller runs (unreadable JSON, a parameter of
 * the wrong type, a missing parameter, a wrong method or content type) answer in Chinese, saying what to
 * fix, instead of Spring's English texts ("Failed to read request"). Logged by Spring at DEBUG only.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ApiRequestErrors {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "请求内容无法读取：请发送有效的 JSON，并检查字段的类型"
                + "（例如日期写作 2026-03-31，数字不加引号）。");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail wrongType(MethodArgumentTypeMismatchException e) {
        String hint = e.getRequiredType() != null && e.getRequiredType().getSimpleName().startsWith("Local")
                ? "（日期请写作 2026-03-31）" : "";
        return problem(HttpStatus.BAD_REQUEST, "参数“" + e.getName() + "”的值“" + e.getValue() + "”格式不正确" + hint + "。");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "缺少参数“" + e.getParameterName() + "”。");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "该地址不支持 " + e.getMethod() + " 请求。");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "请求内容的类型（Content-Type）不受支持，请发送 JSON（application/json）。");
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle("请求有误");
        return problem;
    }
}
