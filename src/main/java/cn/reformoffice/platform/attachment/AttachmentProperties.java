package cn.reformoffice.platform.attachment;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Files attached to a reform task's steps ({@code reform.attachments.*}): the plan document, completion
 * evidence, rectification material.
 *
 * @param maxFileSize       largest file accepted (the upload is a plain request body, not multipart, so
 *                          Spring's multipart limit does not apply)
 * @param allowedExtensions file name extensions accepted, lower case, without the dot
 */
@ConfigurationProperties("reform.attachments")
record AttachmentProperties(DataSize maxFileSize, List<String> allowedExtensions) {

    static final List<String> DEFAULT_EXTENSIONS = List.of("pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et",
            "ppt", "pptx", "txt", "jpg", "jpeg", "png", "zip", "rar", "7z");

    AttachmentProperties {
        maxFileSize = maxFileSize != null ? maxFileSize : DataSize.ofMegabytes(20);
        allowedExtensions = allowedExtensions != null && !allowedExtensions.isEmpty()
                ? allowedExtensions.stream().map(e -> e.toLowerCase(java.util.Locale.ROOT)).toList()
                : DEFAULT_EXTENSIONS;
    }
}
