package cn.reformoffice.platform.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Attachment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.FileSystemUtils;

import cn.reformoffice.platform.browser.BrowserSession;
import cn.reformoffice.platform.browser.ReformApi;

/**
 * The attachments page (/ledger/attachments.html) in headless Chromium with the Tasklist login of the
 * same browser, which runs in Los Angeles time so that upload times must be shown in China time by the
 * page. The lead unit uploads two files to its open 方案制定 task (a double submission sends nothing
 * twice), is refused an .exe in the browser and sees the server's refusal once someone else has claimed
 * the task, downloads and deletes; an uninvolved unit is refused in
 * Chinese; the office lists the remaining file without an upload area.
 * Skipped without Chromium unless {@code -Dbrowser.required=true}; screenshots in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:attachmentspagebrowserit;DB_CLOSE_DELAY=-1",
        "reform.demo.seed-tasks=false", "camunda.bpm.job-execution.enabled=false" })
@DirtiesContext
class AttachmentsPageBrowserIT {

    private static final String BROWSER_ZONE = "America/Los_Angeles";

    /** Led by 市发展改革委 (fgw1's unit, whose 方案制定 task is open); 市卫生健康委 (wjw1) takes no part in it. */
    private static final String CODE = "2026-301";
    private static final String TITLE = "数据要素市场化配置改革";
    private static final String PDF_NAME = "实施方案.pdf";
    private static final String DOCX_NAME = "佐证材料 第1批.docx";

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("AttachmentsPageBrowserIT").timeZone(BROWSER_ZONE);

    @Autowired TestRestTemplate rest;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;

    private final ReformApi api = new ReformApi(() -> rest);
    private Path files;

    @BeforeEach
    void createFiles() throws IOException {
        files = Files.createTempDirectory("attachments-files-");
    }

    @AfterEach
    void deleteFiles() throws IOException {
        FileSystemUtils.deleteRecursively(files);
    }

    @Test
    void anonymousUserIsAskedToLogIn() throws IOException {
        browser.open("/ledger/attachments.html?code=" + CODE + "&taskId=x");
        WebElement login = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        assertThat(login.getText()).contains("请先登录");
        assertThat(browser.find(By.id("upload")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("attachments")).isDisplayed()).isFalse();
        browser.screenshot("00-anonymous");
    }

    @Test
    void leadUnitUploadsDownloadsAndDeletesOthersOnlyLook() throws Exception {
        api.createTask(CODE, TITLE, List.of("市发改委"));
        String processInstanceId = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(CODE)
                .singleResult().getId();
        String taskId = taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey("Task_DraftPlan").singleResult().getId();
        byte[] pdfContent = "%PDF-1.4\n% 数据要素市场化配置改革实施方案\n".getBytes(StandardCharsets.UTF_8);
        byte[] docxContent = new byte[3000];
        for (int i = 0; i < docxContent.length; i++) {
            docxContent[i] = (byte) (i * 31 + 7);
        }
        Path pdf = Files.write(files.resolve(PDF_NAME), pdfContent);
        Path docx = Files.write(files.resolve(DOCX_NAME), docxContent);
        Path exe = Files.write(files.resolve("setup.exe"), new byte[] { 'M', 'Z', 0, 1 });
        String page = "/ledger/attachments.html?code=" + CODE + "&taskId=" + taskId;

        // --- the lead unit opens the page from its 方案制定 form ---
        browser.logInToTasklist("fgw1");
        browser.open(page);
        assertThat(browser.script("return Intl.DateTimeFormat().resolvedOptions().timeZone")).isEqualTo(BROWSER_ZONE);
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload")));
        assertThat(text("heading")).isEqualTo("附件 — " + CODE + " " + TITLE);
        assertThat(browser.find(By.id("entry-link")).getDomAttribute("href")).isEqualTo("task.html?code=" + CODE);
        assertThat(browser.find(By.cssSelector("nav a[href='/camunda/app/tasklist/default/']")).isDisplayed())
                .isTrue();
        assertThat(text("upload-stage")).isEqualTo("「方案制定」");
        assertThat(text("allowed-types")).startsWith("pdf、ofd、doc、docx").doesNotContain("exe");
        assertThat(text("max-size")).isEqualTo("20 MB");
        assertThat(text("upload")).contains("上传完成后，请回到任务办理页面提交表单。");
        assertThat(text("empty")).isEqualTo("暂无附件。");
        assertThat(browser.find(By.id("attachments-table")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("upload-button")).isEnabled()).isFalse();
        assertThat(browser.find(By.id("upload-refused")).isDisplayed()).isFalse();
        browser.screenshot("01-unit-empty");

        // --- two files at once; a double click and a re-submission while uploading send nothing twice ---
        WebElement input = browser.find(By.id("file-input"));
        input.sendKeys(pdf.toAbsolutePath() + "\n" + docx.toAbsolutePath());
        assertThat(statuses()).containsExactly("待上传", "待上传");
        assertThat(browser.find(By.id("upload-button")).isEnabled()).isTrue();
        browser.script("const button = document.getElementById('upload-button');"
                + "button.click(); button.click(); document.getElementById('upload-form').requestSubmit();");
        browser.until(d -> statuses().equals(List.of("已上传", "已上传")));
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#files tr"), 2));
        List<Attachment> stored = taskService.getProcessInstanceAttachments(processInstanceId);
        assertThat(stored).extracting(Attachment::getName).containsExactlyInAnyOrder(PDF_NAME, DOCX_NAME);
        assertThat(stored).allSatisfy(a -> assertThat(a.getTaskId()).isEqualTo(taskId));
        assertThat(browser.find(By.id("upload-button")).isEnabled()).isFalse();
        assertThat(input.getDomProperty("value")).isEmpty();
        browser.script("document.getElementById('upload-form').requestSubmit();");
        assertThat(taskService.getProcessInstanceAttachments(processInstanceId)).hasSize(2);

        assertThat(browser.findAll(By.cssSelector("#files td.name")).stream().map(WebElement::getText))
                .containsExactly(DOCX_NAME, PDF_NAME);
        for (Attachment attachment : stored) {
            WebElement row = row(attachment.getId());
            String chinaTime = attachment.getCreateTime().toInstant().atZone(ZoneId.of("Asia/Shanghai"))
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
            assertThat(row.findElement(By.cssSelector("td.stage-name")).getText()).isEqualTo("方案制定");
            assertThat(row.findElement(By.cssSelector("td.uploader")).getText()).isEqualTo("张伟");
            assertThat(row.findElement(By.cssSelector("td.date")).getText()).isEqualTo(chinaTime);
            assertThat(row.findElement(By.cssSelector("td.name a")).getDomAttribute("href"))
                    .isEqualTo("/api/attachments/" + attachment.getId() + "/content");
            assertThat(row.findElements(By.cssSelector("button.delete"))).hasSize(1);
        }
        assertThat(text("count")).isEqualTo("共 2 个文件");
        assertThat(browser.find(By.id("empty")).isDisplayed()).isFalse();
        browser.screenshot("02-unit-uploaded");

        // --- a file type the platform does not take is refused in the browser ---
        input.sendKeys(exe.toAbsolutePath().toString());
        assertThat(statuses()).containsExactly(
                "不能上传：不支持“setup.exe”的文件类型。可上传的类型：" + String.join("、", AttachmentProperties.DEFAULT_EXTENSIONS)
                        + "。");
        assertThat(browser.find(By.id("upload-button")).isEnabled()).isFalse();
        browser.script("document.getElementById('upload-form').requestSubmit();");
        Thread.sleep(500);
        assertThat(taskService.getProcessInstanceAttachments(processInstanceId)).hasSize(2);
        assertThat(browser.findAll(By.cssSelector("#files tr"))).hasSize(2);
        browser.screenshot("03-unit-refused-exe");

        // --- the server's refusal is shown: someone else claimed the task meanwhile ---
        Path txt = Files.write(files.resolve("会议纪要.txt"), "会议纪要".getBytes(StandardCharsets.UTF_8));
        // chromedriver adds to a multiple input's files, while choosing in a browser replaces them
        browser.script("document.getElementById('file-input').value = '';");
        input.sendKeys(txt.toAbsolutePath().toString());
        assertThat(statuses()).containsExactly("待上传");
        taskService.setAssignee(taskId, "office1");
        browser.find(By.id("upload-button")).click();
        browser.until(d -> statuses().equals(List.of("失败：该待办已由刘洋认领，只有办理人可以上传附件。")));
        WebElement claimed = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-refused")));
        assertThat(claimed.getText()).isEqualTo("「方案制定」环节：该待办已由刘洋认领，只有办理人可以上传附件。");
        assertThat(browser.find(By.id("upload-button")).isEnabled()).isFalse();
        assertThat(input.isEnabled()).isFalse();
        assertThat(taskService.getProcessInstanceAttachments(processInstanceId)).hasSize(2);
        browser.screenshot("04-unit-refused-by-server");
        taskService.setAssignee(taskId, null);
        browser.driver().navigate().refresh();
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload")));
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#files tr"), 2));
        assertThat(browser.find(By.id("upload-refused")).isDisplayed()).isFalse();

        // --- downloads: with the browser's session, and by HTTP Basic ---
        Attachment pdfAttachment = stored.stream().filter(a -> a.getName().equals(PDF_NAME)).findFirst().orElseThrow();
        Attachment docxAttachment = stored.stream().filter(a -> a.getName().equals(DOCX_NAME)).findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> fetched = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const href = document.querySelector('#files tr[data-id=\"' + arguments[0] + '\"] td.name a').href;"
                        + "fetch(href, {credentials: 'same-origin'}).then(async r => done({status: r.status,"
                        + " disposition: r.headers.get('Content-Disposition'), text: await r.text()}))"
                        + ".catch(e => done({error: String(e)}));",
                pdfAttachment.getId());
        assertThat(fetched).containsEntry("status", 200L)
                .containsEntry("text", new String(pdfContent, StandardCharsets.UTF_8));
        assertThat((String) fetched.get("disposition")).startsWith("attachment;");
        ResponseEntity<byte[]> download = api.as("fgw1")
                .getForEntity("/api/attachments/" + docxAttachment.getId() + "/content", byte[].class);
        assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(download.getBody()).isEqualTo(docxContent);

        // --- deleting asks first ---
        row(pdfAttachment.getId()).findElement(By.cssSelector("button.delete")).click();
        Alert confirm = browser.until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).contains("确定删除附件“" + PDF_NAME + "”");
        confirm.dismiss();
        assertThat(browser.findAll(By.cssSelector("#files tr"))).hasSize(2);
        assertThat(taskService.getProcessInstanceAttachments(processInstanceId)).hasSize(2);

        row(pdfAttachment.getId()).findElement(By.cssSelector("button.delete")).click();
        browser.until(ExpectedConditions.alertIsPresent()).accept();
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#files tr"), 1));
        assertThat(taskService.getProcessInstanceAttachments(processInstanceId)).extracting(Attachment::getName)
                .containsExactly(DOCX_NAME);
        assertThat(browser.findAll(By.cssSelector("#files tr[data-id='" + docxAttachment.getId() + "']")))
                .hasSize(1);
        assertThat(browser.find(By.id("action-message")).isDisplayed()).isFalse();
        browser.screenshot("05-unit-deleted");

        // --- a unit that takes no part in the reform task ---
        browser.driver().manage().deleteAllCookies();
        browser.logInToTasklist("wjw1");
        browser.open(page);
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "您无权查看改革任务“" + CODE + "”的附件。"));
        assertThat(browser.find(By.id("upload")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("attachments")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("loading")).isDisplayed()).isFalse();
        browser.screenshot("06-uninvolved-refused");

        // --- the office: with the unit's task id it may not upload; without, it just lists ---
        browser.driver().manage().deleteAllCookies();
        browser.logInToTasklist("office1");
        browser.open(page);
        WebElement refused = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-refused")));
        assertThat(refused.getText()).isEqualTo("「方案制定」环节：您不是该待办的办理单位，不能上传附件。");
        assertThat(browser.find(By.id("upload")).isDisplayed()).isFalse();

        browser.open("/ledger/attachments.html?code=" + CODE);
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#files tr"), 1));
        WebElement remaining = row(docxAttachment.getId());
        assertThat(remaining.getText()).contains(DOCX_NAME, "方案制定", "张伟");
        assertThat(remaining.findElements(By.cssSelector("button.delete"))).isEmpty();
        assertThat(browser.find(By.id("upload")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("upload-refused")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("upload-howto")).isDisplayed()).isTrue();
        assertThat(browser.find(By.id("user")).getText()).contains("刘洋");
        browser.screenshot("07-office-list");
    }

    // --- helpers -------------------------------------------------------------------------------

    private List<String> statuses() {
        return browser.findAll(By.cssSelector("#upload-files li .status")).stream().map(WebElement::getText)
                .toList();
    }

    private WebElement row(String attachmentId) {
        return browser.find(By.cssSelector("#files tr[data-id='" + attachmentId + "']"));
    }

    private String text(String id) {
        return browser.find(By.id(id)).getText();
    }
}
