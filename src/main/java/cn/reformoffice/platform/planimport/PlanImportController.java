package cn.reformoffice.platform.planimport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.reformoffice.platform.security.CurrentUser;

/**
 * Plan import over REST, for the reform office and admins: upload for a preview, look at it, confirm it
 * (with the resolutions of unknown names), and the ledger template.
 */
@RestController
@RequestMapping("/api/imports")
class PlanImportController {

    private static final String ACTION = "导入年度工作要点或工作台账";

    private final PlanImportService service;
    private final CurrentUser currentUser;
    private final PlanImportProperties properties;

    PlanImportController(PlanImportService service, CurrentUser currentUser, PlanImportProperties properties) {
        this.service = service;
        this.currentUser = currentUser;
        this.properties = properties;
    }

    /** Multipart {@code file} (.txt, .docx, .xlsx); {@code year} when the file does not state it. Writes no task. */
    @PostMapping(path = "/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportView> preview(@RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "year", required = false) Integer year) throws IOException {
        currentUser.requireOffice(ACTION);
        if (file == null) {
            throw new PlanFormatException("请选择要导入的文件（表单字段 file）。");
        }
        if (file.getSize() > properties.maxFileSize().toBytes()) {
            throw new PlanFormatException(HttpStatus.PAYLOAD_TOO_LARGE, "文件大小为" + PlanText.size(file.getSize())
                    + "，超过导入上限" + PlanText.size(properties.maxFileSize().toBytes())
                    + "，未导入任何任务。请检查是否选错了文件，或拆分后分批导入。", null);
        }
        ImportView view = service.preview(file.getBytes(), file.getOriginalFilename(), year, currentUser.id());
        return ResponseEntity.created(URI.create("/api/imports/" + view.id())).body(view);
    }

    @GetMapping
    List<PlanImportRepository.Listed> latest() {
        currentUser.requireOffice(ACTION);
        return service.latest();
    }

    @GetMapping("/{id}")
    ImportView get(@PathVariable String id) {
        currentUser.requireOffice(ACTION);
        return service.view(id);
    }

    /**
     * Confirms the preview: 202 with the import in progress (poll {@code GET /api/imports/{id}}), or with
     * {@code wait=true} 200 when done. 400 with {@code errors} when names are unresolved or tasks have errors.
     */
    @PostMapping("/{id}/confirm")
    ResponseEntity<ImportView> confirm(@PathVariable String id, @RequestBody(required = false) Resolutions resolutions,
            @RequestParam(name = "wait", defaultValue = "false") boolean wait) {
        currentUser.requireOffice(ACTION);
        ImportView view = service.confirm(id, resolutions == null ? Resolutions.NONE : resolutions, currentUser.id(),
                wait);
        return ResponseEntity.status(wait ? HttpStatus.OK : HttpStatus.ACCEPTED).body(view);
    }

    @GetMapping("/template.xlsx")
    ResponseEntity<byte[]> template() {
        currentUser.id();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("工作台账模板.xlsx", StandardCharsets.UTF_8).build().toString())
                .body(LedgerTemplate.generate());
    }
}
