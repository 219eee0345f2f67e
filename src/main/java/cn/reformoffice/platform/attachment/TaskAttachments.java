package cn.reformoffice.platform.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.security.CurrentUser;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.task.TaskNames;

/**
 * Files attached to the steps of a reform task, kept as Camunda attachments of the user task and its
 * process instance (so Cockpit's history keeps them with the instance). Who may do what follows the
 * reform task, not Camunda's task permissions, which a candidate unit does not hold for attachments:
 * <ul>
 * <li>everyone involved in the reform task (its units and leaders) and the office lists and downloads;
 * <li>whoever may work an open user task (its assignee, or a member of a candidate group while it is not
 * claimed by someone else) attaches files to it;
 * <li>the uploader removes a file while its task is still open; once submitted, evidence stays.
 * </ul>
 * Engine calls run without the request's engine authentication, after these checks.
 */
@Service
public class TaskAttachments {

    /** Attachment type: the file's content type; the description carries who uploaded it. */
    private static final String UPLOADER_PREFIX = "uploader:";

    private final TaskService taskService;
    private final HistoryService historyService;
    private final IdentityService identityService;
    private final ReformTaskService reformTasks;
    private final OrganizationDirectory directory;
    private final CurrentUser currentUser;
    private final AttachmentProperties properties;

    TaskAttachments(TaskService taskService, HistoryService historyService, IdentityService identityService,
            ReformTaskService reformTasks, OrganizationDirectory directory, CurrentUser currentUser,
            AttachmentProperties properties) {
        this.taskService = taskService;
        this.historyService = historyService;
        this.identityService = identityService;
        this.reformTasks = reformTasks;
        this.directory = directory;
        this.currentUser = currentUser;
        this.properties = properties;
    }

    public record AttachmentView(String id, String name, String contentType, String taskId, String stageName,
            String uploaderId, String uploaderName, Instant uploadedAt, boolean deletable) {
    }

    public record UploadTarget(String taskId, String stageName, boolean canUpload, String reason) {
    }

    public record Listing(String code, String title, UploadTarget uploadTarget, long maxFileSize,
            List<String> allowedExtensions, List<AttachmentView> attachments) {
    }

    public record Download(String name, String contentType, InputStream content) {
    }

    /** The reform task's attachments, newest first; with a task id, whether the user may attach files to it. */
    public Listing list(String code, String taskId) {
        ReformTask reformTask = readable(code);
        String userId = currentUser.id();
        String instanceId = reformTask.processInstanceId();
        Steps steps = instanceId == null ? null : steps(instanceId);
        List<AttachmentView> views = instanceId == null ? List.of()
                : privileged(() -> taskService.getProcessInstanceAttachments(instanceId)).stream()
                        .map(attachment -> view(attachment, userId, steps))
                        .sorted(Comparator.comparing(AttachmentView::uploadedAt,
                                Comparator.nullsLast(Comparator.reverseOrder())))
                        .toList();
        UploadTarget target = taskId == null || taskId.isBlank() ? null : uploadTarget(reformTask, taskId);
        return new Listing(reformTask.code(), reformTask.title(), target, properties.maxFileSize().toBytes(),
                properties.allowedExtensions(), views);
    }

    /** Attaches a file to an open user task of the reform task that the current user may work. */
    public AttachmentView upload(String code, String taskId, String fileName, String contentType, InputStream body)
            throws IOException {
        ReformTask reformTask = readable(code);
        UploadTarget target = uploadTarget(reformTask, taskId);
        if (!target.canUpload()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, target.reason());
        }
        String name = cleanName(fileName);
        byte[] content = readLimited(body);
        String type = contentType == null || contentType.isBlank() || contentType.startsWith("application/x-www-form")
                ? "application/octet-stream" : contentType;
        String userId = currentUser.id();
        Attachment attachment = privileged(() -> taskService.createAttachment(type, taskId,
                reformTask.processInstanceId(), name, UPLOADER_PREFIX + userId, new ByteArrayInputStream(content)));
        return view(privileged(() -> taskService.getAttachment(attachment.getId())), userId,
                steps(reformTask.processInstanceId()));
    }

    public Download download(String attachmentId) {
        Attachment attachment = attachment(attachmentId);
        InputStream content = privileged(() -> taskService.getAttachmentContent(attachmentId));
        if (content == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "附件“" + attachment.getName() + "”没有内容。");
        }
        return new Download(attachment.getName(), attachment.getType(), content);
    }

    public void delete(String attachmentId) {
        Attachment attachment = attachment(attachmentId);
        if (!view(attachment, currentUser.id(), steps(attachment.getProcessInstanceId())).deletable()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "只能删除本人上传、且所属环节尚未提交的附件；已提交的佐证材料予以保留。");
        }
        privileged(() -> {
            taskService.deleteTaskAttachment(attachment.getTaskId(), attachmentId);
            return null;
        });
    }

    private Attachment attachment(String attachmentId) {
        Attachment attachment = privileged(() -> taskService.getAttachment(attachmentId));
        if (attachment == null || attachment.getProcessInstanceId() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "附件不存在或已被删除。");
        }
        String code = privileged(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(attachment.getProcessInstanceId()).singleResult()).getBusinessKey();
        readable(code);
        return attachment;
    }

    private ReformTask readable(String code) {
        return reformTasks.getReadable(code, currentUser, "的附件");
    }

    private UploadTarget uploadTarget(ReformTask reformTask, String taskId) {
        Task task = privileged(() -> taskService.createTaskQuery().taskId(taskId).singleResult());
        if (task == null || !task.getProcessInstanceId().equals(reformTask.processInstanceId())) {
            HistoricTaskInstance done = privileged(() -> historyService.createHistoricTaskInstanceQuery()
                    .taskId(taskId).singleResult());
            String stage = done == null ? null : TaskNames.stageOf(done.getName());
            String reason = done != null && java.util.Objects.equals(reformTask.processInstanceId(), done.getProcessInstanceId())
                    ? "“" + stage + "”环节已提交，不能再上传附件；如需补充，请在当前环节上传。"
                    : "该待办不属于改革任务“" + reformTask.code() + "”或已不存在。";
            return new UploadTarget(taskId, stage, false, reason);
        }
        String stage = TaskNames.stageOf(task.getName());
        String userId = currentUser.id();
        boolean mine = userId.equals(task.getAssignee());
        boolean candidate = task.getAssignee() == null && privileged(() -> taskService.getIdentityLinksForTask(taskId))
                .stream().filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .anyMatch(link -> userId.equals(link.getUserId()) || isMember(link));
        if (mine || candidate) {
            return new UploadTarget(taskId, stage, true, null);
        }
        String reason = task.getAssignee() != null
                ? "该待办已由" + directory.personName(task.getAssignee()) + "认领，只有办理人可以上传附件。"
                : "您不是该待办的办理单位，不能上传附件。";
        return new UploadTarget(taskId, stage, false, reason);
    }

    private boolean isMember(IdentityLink link) {
        return link.getGroupId() != null && currentUser.groupIds().contains(link.getGroupId());
    }

    /**
     * The steps of one process instance by task id, with their stage names and whether they are still
     * open: two queries for a whole listing instead of two per attachment.
     */
    private record Steps(Map<String, String> stageByTaskId, Set<String> open) {
    }

    private Steps steps(String processInstanceId) {
        Map<String, String> stages = new HashMap<>();
        privileged(() -> historyService.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).list())
                .forEach(task -> stages.put(task.getId(), TaskNames.stageOf(task.getName())));
        Set<String> open = new HashSet<>();
        privileged(() -> taskService.createTaskQuery().processInstanceId(processInstanceId).list())
                .forEach(task -> {
                    open.add(task.getId());
                    stages.put(task.getId(), TaskNames.stageOf(task.getName()));
                });
        return new Steps(stages, open);
    }

    private AttachmentView view(Attachment attachment, String userId, Steps steps) {
        String uploader = attachment.getDescription() != null && attachment.getDescription().startsWith(UPLOADER_PREFIX)
                ? attachment.getDescription().substring(UPLOADER_PREFIX.length()) : null;
        String taskId = attachment.getTaskId();
        boolean deletable = taskId != null && steps.open().contains(taskId) && userId.equals(uploader);
        Instant created = attachment.getCreateTime() == null ? null : attachment.getCreateTime().toInstant();
        return new AttachmentView(attachment.getId(), attachment.getName(), attachment.getType(), taskId,
                taskId == null ? null : steps.stageByTaskId().get(taskId), uploader,
                uploader == null ? null : directory.personName(uploader), created, deletable);
    }

    private String cleanName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (name.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "请提供附件的文件名。");
        }
        if (name.length() > 200) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "文件名过长（超过200个字符），请缩短后重新上传。");
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!properties.allowedExtensions().contains(extension)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "不支持“" + name + "”的文件类型。可上传的类型："
                    + String.join("、", properties.allowedExtensions()) + "。");
        }
        return name;
    }

    private byte[] readLimited(InputStream body) throws IOException {
        long max = properties.maxFileSize().toBytes();
        byte[] content = body.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        if (content.length > max) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "附件过大：单个文件不能超过"
                    + properties.maxFileSize().toMegabytes() + " MB，请压缩或拆分后重新上传。");
        }
        if (content.length == 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "文件是空的，请选择有内容的文件。");
        }
        return content;
    }

    /** Runs an engine call without the request's engine authentication (checks are done above). */
    private <T> T privileged(Supplier<T> call) {
        Authentication authentication = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return call.get();
        } finally {
            if (authentication != null) {
                identityService.setAuthentication(authentication);
            }
        }
    }
}
