package cn.reformoffice.platform.planimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** Files that are not plans, damaged or hostile: refused with a Chinese message saying what and where. */
class BadInputTest {

    private final PlanFileReader reader = new PlanFileReader(PlanImportProperties.defaults());

    private PlanFormatException refused(byte[] content, String fileName) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> reader.read(content, fileName, null));
        assertThat(thrown).isInstanceOf(PlanFormatException.class);
        PlanFormatException e = (PlanFormatException) thrown;
        assertThat(e.getStatusCode()).isIn(HttpStatus.BAD_REQUEST, HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(e.getMessage()).contains("未导入任何");
        return e;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void emptyFile() {
        assertThat(refused(new byte[0], "plan.txt").getMessage()).startsWith("文件是空的");
        assertThat(refused(utf8(" \n\u3000\n\t\n"), "plan.txt").getMessage()).startsWith("文件中没有文字内容");
    }

    @Test
    void yearEndSummary() {
        PlanFormatException e = refused(utf8("""
                江安市2023年全面深化改革工作总结
                2023年，全市共推进改革任务45项，完成40项（88.9%），推进中4项，待上级部署1项。
                一、主要成效
                1.营商环境持续优化。全年新增集成事项15项。
                二、存在问题
                """), "summary.txt");
        assertThat(e.getMessage()).startsWith("第1行“江安市2023年全面深化改革工作总结”表明这是一份工作总结或报告，不是年度工作要点");
        assertThat(e.location()).isEqualTo("第1行");
    }

    @Test
    void newsArticle() {
        PlanFormatException e = refused(utf8("""
                我市召开全面深化改革委员会会议
                本报讯 3月5日，市委全面深化改革委员会召开第五次会议，审议通过了《江安市2024年全面深化改革工作要点》。
                会议强调，要坚持问题导向，推动各项改革举措落地见效。
                """), "news.txt");
        assertThat(e.getMessage()).startsWith("未找到改革任务").contains("没有“一、”“（一）”标题");
    }

    @Test
    void numberedListWithoutAnyPlanFeatures() {
        PlanFormatException e = refused(utf8("""
                会议纪要
                出席人员如下：
                1.张三，办公室主任。
                2.李四，科长。
                """), "minutes.txt");
        assertThat(e.getMessage()).contains("看起来不是年度工作要点").contains("第3行");
    }

    @Test
    void binaryFile() {
        byte[] png = new byte[4096];
        new Random(1).nextBytes(png);
        System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }, 0, png, 0, 8);
        assertThat(refused(png, "photo.txt").getMessage()).startsWith("这是图片文件");
        byte[] random = Arrays.copyOfRange(png, 8, png.length);
        assertThat(refused(random, "data.txt").getMessage()).matches("文件不是文本文件：第\\d+行（第\\d+字节）起是二进制数据.*");

        byte[] textThenBinary = (utf8("江安市2024年全面深化改革工作要点\n一、重点任务\n" + "\u0000\u0001"));
        assertThat(refused(textThenBinary, "plan.txt").getMessage()).startsWith("文件不是文本文件：第3行");
    }

    @Test
    void undecodableText() {
        byte[] bytes = utf8("江安市2024年工作要点\n第二行\n");
        byte[] broken = Arrays.copyOf(bytes, bytes.length + 3);
        broken[bytes.length] = (byte) 0xFF;
        broken[bytes.length + 1] = (byte) 0xFE;
        broken[bytes.length + 2] = (byte) 0xFF;
        assertThat(refused(broken, "plan.txt").getMessage()).startsWith("无法识别文件的文字编码：第3行");
    }

    @Test
    void truncatedWordDocument() {
        byte[] docx = PlanFixtures.docx(PlanFixtures.planText("sample-2024-plan"));
        byte[] truncated = Arrays.copyOf(docx, docx.length / 2);
        assertThat(refused(truncated, "plan.docx").getMessage()).startsWith("Word 文件（.docx）已损坏或不完整");
    }

    @Test
    void textRenamedToDocxAndOldFormats() {
        assertThat(refused(utf8("hello"), "plan.docx").getMessage()).contains("不是有效的 Office 文档");
        byte[] doc = new byte[512];
        System.arraycopy(new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
                (byte) 0xE1 }, 0, doc, 0, 8);
        assertThat(refused(doc, "plan.doc").getMessage()).startsWith("这是旧版 Word/Excel（.doc/.xls）文件");
        assertThat(refused(utf8("%PDF-1.7\n..."), "plan.pdf").getMessage()).startsWith("暂不支持 PDF");
    }

    @Test
    void ledgerWithoutTheNeededColumns() {
        byte[] xlsx = PlanFixtures.xlsx("台账", List.of(
                List.of("2024年改革任务台账"),
                List.of("序号", "改革任务", "完成时限", "备注"),
                List.of("1", "深化政务服务集成改革", "2024年12月", "")));
        PlanFormatException e = refused(xlsx, "ledger.xlsx");
        assertThat(e.getMessage()).startsWith("工作表“台账”第2行像是表头，但缺少必需的列：“牵头单位”");
        assertThat(e.location()).isEqualTo("工作表“台账”第2行");

        byte[] noHeader = PlanFixtures.xlsx("Sheet1", List.of(List.of("姓名", "电话"), List.of("张三", "123")));
        assertThat(refused(noHeader, "contacts.xlsx").getMessage()).startsWith("没有找到工作台账的表头");

        byte[] headerOnly = PlanFixtures.xlsx("台账", List.of(List.of("改革任务", "牵头单位")));
        assertThat(refused(headerOnly, "2024年台账.xlsx").getMessage())
                .startsWith("已在工作表“台账”第1行找到表头，但表头下没有任务行");
    }

    @Test
    void planWithoutYear() {
        assertThat(refused(utf8("全面深化改革工作要点\n一、重点任务\n1.深化改革（牵头单位：市发改委）\n"), "p.txt").getMessage())
                .startsWith("无法确定计划年度");
        assertThat(reader.read(utf8("全面深化改革工作要点\n一、重点任务\n1.深化改革（牵头单位：市发改委）\n"), "p.txt", 2025).year())
                .isEqualTo(2025);
    }

    @Test
    void fileOverTheSizeLimit() {
        PlanFileReader small = new PlanFileReader(new PlanImportProperties(DataSize.ofKilobytes(2), null, null, null, null));
        assertThatThrownBy(() -> small.read(PlanFixtures.plan("sample-2024-plan"), "plan.txt", null))
                .isInstanceOfSatisfying(PlanFormatException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
                    assertThat(e.getMessage()).startsWith("文件大小为3.0 KB，超过导入上限2.0 KB，未导入任何任务");
                });
    }

    @Test
    void zipBombIsRefusedWithoutInflatingIt() {
        byte[] bomb = PlanFixtures.zipBomb(1024L * 1024 * 1024);
        assertThat(bomb.length).isLessThan(5 * 1024 * 1024);
        PlanFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refused(bomb, "plan.docx"));
        assertThat(e.getMessage()).contains("压缩炸弹");
    }

    @Test
    void hostileTextFinishesQuickly() {
        StringBuilder text = new StringBuilder("江安市2024年全面深化改革工作要点\n一、重点任务\n1.");
        text.append("（".repeat(600_000)).append("牵头单位：").append("、".repeat(300_000)).append("）".repeat(600_000));
        text.append("\n2.").append("(1)".repeat(300_000)).append("\n");
        text.append("（一）").append("一".repeat(600_000)).append('\n');
        ParsedPlan plan = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> reader.read(utf8(text.toString()), "hostile.txt", null));
        assertThat(plan.tasks()).hasSize(2);
    }
}
