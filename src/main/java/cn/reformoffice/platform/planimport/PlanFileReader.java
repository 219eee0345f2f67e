package cn.reformoffice.platform.planimport;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.planimport.LedgerParser.Sheet;

/**
 * Turns an uploaded file into a {@link ParsedPlan}: recognises the kind by its content (not its name),
 * enforces the size limits before reading, and refuses anything that is not a plan or ledger with a
 * Chinese message. Plain text and .docx go to {@link PlanTextParser}, .xlsx to {@link LedgerParser}.
 */
@Component
class PlanFileReader {

    private static final int MAX_ROWS = 20_000;

    private final PlanImportProperties properties;

    PlanFileReader(PlanImportProperties properties) {
        this.properties = properties;
    }

    /**
     * @param year the plan's year when the caller knows it (wins over the document's), or null
     */
    ParsedPlan read(byte[] content, String fileName, Integer year) {
        if (content == null || content.length == 0) {
            throw new PlanFormatException("文件是空的（0 字节），未导入任何任务。请上传年度工作要点（.txt 或 .docx）或工作台账（.xlsx）。");
        }
        long max = properties.maxFileSize().toBytes();
        if (content.length > max) {
            throw new PlanFormatException(HttpStatus.PAYLOAD_TOO_LARGE, "文件大小为" + PlanText.size(content.length)
                    + "，超过导入上限" + PlanText.size(max) + "，未导入任何任务。请检查是否选错了文件，或拆分后分批导入。", null);
        }
        ParsedPlan plan = parse(content, fileName);
        if (year != null) {
            if (year < 2000 || year > 2100) {
                throw new PlanFormatException("年度“" + year + "”不正确，应为 2000 至 2100 之间的年份。");
            }
            if (plan.year() != null && !plan.year().equals(year)) {
                plan = plan.withWarning("文件中的年度为" + plan.year() + "，已按上传时填写的" + year + "年导入");
            }
            plan = plan.withYear(year);
        } else if (plan.year() == null) {
            throw new PlanFormatException("无法确定计划年度：文件的标题、文号和开头段落中都没有“20XX年”，未导入任何任务。请在上传时填写年度。");
        } else if (plan.year() < 2000 || plan.year() > 2100) {
            throw new PlanFormatException("文件中的年度“" + plan.year() + "”不正确，请在上传时填写年度。");
        }
        return plan;
    }

    private ParsedPlan parse(byte[] content, String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase();
        if (startsWith(content, 'P', 'K', 3, 4) || startsWith(content, 'P', 'K', 5, 6)) {
            ZipGuard.Kind kind = ZipGuard.check(content, fileName, properties.maxUncompressedSize().toBytes(),
                    properties.maxZipEntries());
            return kind == ZipGuard.Kind.DOCX ? parseDocx(content, fileName) : parseXlsx(content, fileName);
        }
        if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw new PlanFormatException("这是旧版 Word/Excel（.doc/.xls）文件或设置了密码的 Office 文件，无法读取，未导入任何任务。"
                    + "请在 Office 或 WPS 中“另存为” .docx 或 .xlsx（不设密码）后再导入。");
        }
        if (startsWith(content, '%', 'P', 'D', 'F')) {
            throw new PlanFormatException("暂不支持 PDF 文件，未导入任何任务。请上传公文的 Word（.docx）或文本（.txt）版本，或工作台账（.xlsx）。");
        }
        if (startsWith(content, 0x89, 'P', 'N', 'G') || startsWith(content, 0xFF, 0xD8, 0xFF)
                || startsWith(content, 'G', 'I', 'F', '8')) {
            throw new PlanFormatException("这是图片文件，不是工作要点或台账，未导入任何任务。请上传年度工作要点（.txt 或 .docx）或工作台账（.xlsx）；"
                    + "扫描件请先转为文字。");
        }
        if (startsWith(content, '{', '\\', 'r', 't', 'f')) {
            throw new PlanFormatException("暂不支持 RTF 文件，未导入任何任务。请在 Word 或 WPS 中另存为 .docx 后再导入。");
        }
        if (name.endsWith(".docx") || name.endsWith(".xlsx")) {
            throw new PlanFormatException(ZipGuard.kindName(fileName) + "的内容不是有效的 Office 文档（文件可能已损坏、不完整或只是改了扩展名），"
                    + "未导入任何任务。");
        }
        var lines = TextDecoder.lines(content);
        if (lines.stream().allMatch(line -> PlanText.clean(line.text()).isEmpty())) {
            throw new PlanFormatException("文件中没有文字内容，未导入任何任务。" + PlanText.PLAN_HINT);
        }
        return new PlanTextParser("TEXT", n -> "第" + n + "行").parse(lines, properties.maxTasks());
    }

    private ParsedPlan parseDocx(byte[] content, String fileName) {
        DocxReader.Content document = DocxReader.read(content);
        if (document.paragraphs().stream().allMatch(line -> PlanText.clean(line.text()).isEmpty())
                && document.tables().isEmpty()) {
            throw new PlanFormatException("Word 文件中没有文字内容，未导入任何任务。" + PlanText.PLAN_HINT);
        }
        try {
            return new PlanTextParser("DOCX", n -> "第" + n + "段").parse(document.paragraphs(), properties.maxTasks());
        } catch (PlanFormatException notAPlan) {
            // a Word document may hold the ledger as a table
            LedgerParser.Header header = LedgerParser.findHeader(document.tables());
            if (header != null && header.complete()) {
                return new LedgerParser("DOCX", fileName).parse(document.tables(), properties.maxTasks());
            }
            throw notAPlan;
        }
    }

    private ParsedPlan parseXlsx(byte[] content, String fileName) {
        List<Sheet> sheets = XlsxReader.read(content, MAX_ROWS);
        return new LedgerParser("XLSX", fileName).parse(sheets, properties.maxTasks());
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

}
