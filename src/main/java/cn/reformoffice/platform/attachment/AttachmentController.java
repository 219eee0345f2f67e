package cn.reformoffice.platform.attachment;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Attachments of a reform task's steps over REST. An upload is the file itself as the request body
 * ({@code POST /api/tasks/{code}/attachments?taskId=…&name=…}, any content type), so its size limit is
 * {@code reform.attachments.max-file-size}, independent of multipart settings.
 */
@RestController
class AttachmentController {

    private final TaskAttachments attachments;

    AttachmentController(TaskAttachments attachments) {
        this.attachments = attachments;
    }

    @GetMapping("/api/tasks/{code}/attachments")
    TaskAttachments.Listing list(@PathVariable String code, @RequestParam(required = false) String taskId) {
        return attachments.list(code, taskId);
    }

    @PostMapping("/api/tasks/{code}/attachments")
    ResponseEntity<TaskAttachments.AttachmentView> upload(@PathVariable String code, @RequestParam String taskId,
            @RequestParam String name,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            HttpServletRequest request) throws IOException {
        TaskAttachments.AttachmentView view = attachments.upload(code, taskId, name, contentType,
                request.getInputStream());
        return ResponseEntity.created(URI.create("/api/attachments/" + view.id() + "/content")).body(view);
    }

    @GetMapping("/api/attachments/{id}/content")
    ResponseEntity<InputStreamResource> download(@PathVariable String id) {
        TaskAttachments.Download download = attachments.download(id);
        MediaType type;
        try {
            type = MediaType.parseMediaType(download.contentType());
        } catch (RuntimeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(download.name(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(download.content()));
    }

    @DeleteMapping("/api/attachments/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        attachments.delete(id);
        return ResponseEntity.noContent().build();
    }
}
