package cn.reformoffice.platform.planimport;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Uploads over Spring's multipart limit ({@code spring.servlet.multipart.max-file-size}) are refused before
 * any controller runs; this answers them in Chinese instead of Spring's English text (before Spring's own
 * problem-details handler, hence the order).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitExceptionHandler {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "上传的文件超过服务器允许的大小，未导入任何任务。请检查是否选错了文件，或拆分后分批导入。");
        detail.setTitle("文件无法导入");
        return detail;
    }
}
