package cn.reformoffice.platform.planimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.reformoffice.platform.planimport.ParsedPlan.ParsedTask;

/**
 * The sample plans ({@code src/test/resources/plans}) as text, GB18030 text, Word and Excel, against their
 * expected results.
 */
class PlanParsingTest {

    private final PlanFileReader reader = new PlanFileReader(PlanImportProperties.defaults());

    @ParameterizedTest
    @ValueSource(strings = { "2022-city-plan", "sample-2024-plan", "2023-web-page-plan" })
    void textPlanYieldsExactlyTheExpectedTasks(String name) throws IOException {
        ParsedPlan plan = reader.read(PlanFixtures.plan(name), name + ".txt", null);
        assertMatchesExpected(name, plan);
        assertThat(plan.format()).isEqualTo("TEXT");
    }

    @ParameterizedTest
    @ValueSource(strings = { "2022-city-plan", "sample-2024-plan", "2023-web-page-plan" })
    void gb18030EncodedPlanReadsTheSame(String name) throws IOException {
        byte[] gb = PlanFixtures.planText(name).getBytes(TextDecoder.GB18030);
        assertThat(gb).isNotEqualTo(PlanFixtures.plan(name));
        ParsedPlan plan = reader.read(gb, name + ".txt", null);
        assertMatchesExpected(name, plan);
        assertThat(plan).isEqualTo(reader.read(PlanFixtures.plan(name), name + ".txt", null));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2022-city-plan", "sample-2024-plan", "2023-web-page-plan" })
    void wordDocumentWithTheSameContentReadsTheSame(String name) throws IOException {
        ParsedPlan plan = reader.read(PlanFixtures.docx(PlanFixtures.planText(name)), name + ".docx", null);
        assertMatchesExpected(name, plan);
        assertThat(plan.format()).isEqualTo("DOCX");
        ParsedPlan text = reader.read(PlanFixtures.plan(name), name + ".txt", null);
        assertThat(plan.tasks()).extracting(ParsedTask::goals).isEqualTo(text.tasks().stream().map(ParsedTask::goals).toList());
        assertThat(plan.tasks().get(0).location()).endsWith("段");
    }

    @ParameterizedTest
    @ValueSource(strings = { "2022-city-plan", "sample-2024-plan", "2023-web-page-plan" })
    void excelLedgerWithColumnsInAnyOrderReadsTheSame(String name) throws IOException {
        ParsedPlan text = reader.read(PlanFixtures.plan(name), name + ".txt", null);
        byte[] xlsx = PlanFixtures.ledger(text.year() + "年全面深化改革工作台账", text, PlanFixtures.SHUFFLED_HEADERS);
        ParsedPlan plan = reader.read(xlsx, "台账.xlsx", null);
        assertThat(plan.format()).isEqualTo("XLSX");
        assertThat(plan.year()).isEqualTo(text.year());
        assertThat(plan.categories()).isEqualTo(text.categories());
        assertTasksMatch(name, plan);
        for (int i = 0; i < plan.tasks().size(); i++) {
            ParsedTask expected = text.tasks().get(i);
            ParsedTask actual = plan.tasks().get(i);
            assertThat(actual.goals()).isEqualTo(expected.goals());
            assertThat(actual.measures()).isEqualTo(expected.measures());
            assertThat(actual.deadline()).isEqualTo(java.time.LocalDate.of(text.year(), 12, 31));
            assertThat(actual.location()).startsWith("工作表“工作台账”第");
        }
    }

    @Test
    void plansTellWhatIsMissingAndWhatWasCorrected() {
        ParsedPlan plan = reader.read(PlanFixtures.plan("sample-2024-plan"), "plan.txt", null);
        ParsedTask noAnnotation = plan.tasks().get(0);
        assertThat(noAnnotation.leadUnits()).isEmpty();
        assertThat(noAnnotation.goals()).startsWith("推动高频事项");
        ParsedTask major = plan.tasks().get(3);
        assertThat(major.goals()).isEqualTo("健全土地、数据等要素市场化配置机制,形成一批可复制推广的制度成果。");
        assertThat(major.measures()).containsExactly("推进低效工业用地再开发,全年盘活存量建设用地2000亩。",
                "探索公共数据授权运营,建立数据要素登记和交易规则。", "完善要素价格形成机制。");
        ParsedTask typo = plan.tasks().get(6);
        assertThat(typo.measures()).first().isEqualTo("完善\"揭榜挂帅\"机制。");
        assertThat(typo.warnings()).anyMatch(w -> w.contains("措施编号“1)”缺少左括号"));
        assertThat(plan.tasks().get(5).coopUnits()).containsExactly("市自然资源和规划局", "各县(区)");
    }

    @Test
    void fullAndHalfWidthAnnotationsInlineMeasuresAndDeadlines() {
        String text = """
                某市2025年全面深化改革工作要点
                一、重点改革
                （一）营商环境
                1．深化“一件事”改革。推进集成办理（领衔领导：赵明远；牵头单位：市发改委，协同单位：市财政局、市科技局；完成时限：2025年6月底）
                2、推进数据共享
                重点举措：（1）建设共享平台；（2）制定共享目录
                牵头单位:市营商环境办
                (二)民生改革
                1. 完善社会救助 (牵头单位:市民政局,配合单位:市医保局)。
                三、保障措施
                1.加强组织领导。各单位要高度重视。
                """;
        ParsedPlan plan = reader.read(text.getBytes(StandardCharsets.UTF_8), "p.txt", null);
        assertThat(plan.title()).isEqualTo("某市2025年全面深化改革工作要点");
        assertThat(plan.year()).isEqualTo(2025);
        assertThat(plan.categories()).containsExactly("营商环境", "民生改革");
        assertThat(plan.tasks()).hasSize(3);
        ParsedTask first = plan.tasks().get(0);
        assertThat(first.title()).isEqualTo("深化“一件事”改革");
        assertThat(first.leaders()).containsExactly("赵明远");
        assertThat(first.leadUnits()).containsExactly("市发改委");
        assertThat(first.coopUnits()).containsExactly("市财政局", "市科技局");
        assertThat(first.deadline()).isEqualTo(java.time.LocalDate.of(2025, 6, 30));
        ParsedTask second = plan.tasks().get(1);
        assertThat(second.measures()).containsExactly("建设共享平台", "制定共享目录");
        assertThat(second.leadUnits()).containsExactly("市营商环境办");
        ParsedTask third = plan.tasks().get(2);
        assertThat(third.categoryNo()).isEqualTo(2);
        assertThat(third.leadUnits()).containsExactly("市民政局");
        assertThat(third.coopUnits()).containsExactly("市医保局");
        assertThat(plan.warnings()).anyMatch(w -> w.contains("保障措施") && w.contains("第11行"));
    }

    @Test
    void wordAutomaticNumberingIsWrittenOut() throws IOException {
        byte[] docx = PlanFixtures.numberedDocx("江安市2025年全面深化改革工作要点",
                List.of("营商环境", "深化政务服务改革（牵头单位：市营商环境办）", "优化审批流程（牵头单位：市发展改革委）",
                        "科技创新", "完善科技成果转化机制（牵头单位：市科技局）"));
        ParsedPlan plan = reader.read(docx, "numbered.docx", null);
        assertThat(plan.categories()).containsExactly("营商环境", "科技创新");
        assertThat(plan.tasks()).extracting(ParsedTask::title).containsExactly("深化政务服务改革", "优化审批流程",
                "完善科技成果转化机制");
        assertThat(plan.tasks()).extracting(ParsedTask::seq).containsExactly(1, 2, 1);
    }

    @Test
    void planSavedFromAGovernmentWebsiteHasItsNumberAndWholeTitle() {
        ParsedPlan plan = reader.read(PlanFixtures.plan("2023-web-page-plan"), "web.txt", null);
        assertThat(plan.number()).isEqualTo("江委改发〔2023〕1号");
        assertThat(plan.title()).isEqualTo("中共江安市委全面深化改革委员会2023年工作要点");
        assertThat(plan.year()).isEqualTo(2023);
        assertThat(plan.tasks()).hasSize(6);
        assertThat(plan.tasks().get(2).goals()).isEqualTo("健全城乡统一的建设用地市场，形成公共数据授权运营的江安模式。");
        assertThat(plan.warnings()).anyMatch(w -> w.contains("保障措施"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "文件编号：江委改发〔2023〕1号",
            "索引号：11350700003591234X/2023-00012\t发文时间：2023-03-20\t文号：江委改发[2023]1号\t有效性：有效",
            "发文字号：\t江委改发(2023)1号",
            "文件编号：\n江委改发［2023］1号",
            "中共江安市委全面深化改革委员会关于印发《江安市2023年全面深化改革工作要点》的通知（江委改发（2023）1号）",
            "中共江安市委全面深化改革委员会关于印发《江安市2023年全面深化改革工作要点》的通知\n江委改发 [2023] 1 号" })
    void documentNumberOfAWebPageIsReadFromItsLabelOrTheNotice(String header) {
        String text = "首页 > 政务公开 > 其他文件\n" + header + "\n各县（区）党委全面深化改革委员会，市直各单位：\n"
                + "根据《中共江西省委全面深化改革委员会2023年工作要点》（赣委改发〔2023〕3号）精神，现将《江安市2023年全面深化改革工作要点》"
                + "印发给你们，请认真贯彻落实。\n江安市2023年全面深化改革工作要点\n一、重点任务\n1.深化国资国企改革（牵头单位：市国资委）\n";
        ParsedPlan plan = reader.read(text.getBytes(StandardCharsets.UTF_8), "web.txt", null);
        assertThat(plan.number()).isEqualTo("江委改发〔2023〕1号");
        assertThat(plan.title()).isEqualTo("江安市2023年全面深化改革工作要点");
    }

    @Test
    void numberCitedInTheNoticeBodyIsNotThePlansNumber() {
        String text = "中共江安市委全面深化改革委员会关于印发《江安市2023年全面深化改革工作要点》的通知\n"
                + "根据《中共江西省委全面深化改革委员会2023年工作要点》（赣委改发〔2023〕3号）精神，现将《江安市2023年全面深化改革工作要点》"
                + "印发给你们，请认真贯彻落实。\n一、重点任务\n1.深化国资国企改革（牵头单位：市国资委）\n";
        ParsedPlan plan = reader.read(text.getBytes(StandardCharsets.UTF_8), "p.txt", null);
        assertThat(plan.number()).isNull();
        assertThat(plan.title()).isEqualTo("江安市2023年全面深化改革工作要点");
    }

    @ParameterizedTest
    @ValueSource(strings = { "江安市\n2023年全面深化改革工作要点|江安市2023年全面深化改革工作要点",
            "中共江安市委全面深化改革委员会\n2023年工作要点|中共江安市委全面深化改革委员会2023年工作要点",
            "中共江安市委全面深化改革委员会\n2023年3月15日\n2023年工作要点|2023年工作要点",
            "各单位要认真贯彻落实。\n2023年工作要点|2023年工作要点",
            "江安市2023年全面深化改革工作要点|江安市2023年全面深化改革工作要点" })
    void titleSplitIntoIssuingBodyAndYearLinesIsJoined(String example) {
        String[] parts = example.split("\\|");
        String text = parts[0] + "\n一、重点任务\n1.深化国资国企改革（牵头单位：市国资委）\n";
        ParsedPlan plan = reader.read(text.getBytes(StandardCharsets.UTF_8), "p.txt", null);
        assertThat(plan.title()).isEqualTo(parts[1]);
        assertThat(plan.year()).isEqualTo(2023);
        ParsedPlan word = reader.read(PlanFixtures.docx(text), "p.docx", null);
        assertThat(word.title()).isEqualTo(parts[1]);
    }

    @Test
    void websiteNavigationAndFooterAreNotPartOfThePlan() {
        String text = """
                首页 | 走进江安 | 政务公开 | 政府工作报告 | 互动交流
                江安市2023年全面深化改革工作要点
                一、重点任务
                1.完善养老服务体系。发展普惠型养老服务。
                【打印本页】　【关闭窗口】
                主办：中共江安市委办公室　　承办：江安市大数据中心
                1.江安市人民政府门户网站
                """;
        ParsedPlan plan = reader.read(text.getBytes(StandardCharsets.UTF_8), "p.txt", null);
        assertThat(plan.tasks()).singleElement().satisfies(task -> {
            assertThat(task.title()).isEqualTo("完善养老服务体系");
            assertThat(task.goals()).isEqualTo("发展普惠型养老服务。");
        });
    }

    // --- expected.json -------------------------------------------------------------------------

    private static void assertMatchesExpected(String name, ParsedPlan plan) throws IOException {
        JsonNode expected = expected(name);
        JsonNode document = expected.get("document");
        if (document.has("title")) {
            assertThat(plan.title()).isEqualTo(document.get("title").asText());
        }
        if (document.has("number")) {
            assertThat(plan.number()).isEqualTo(document.get("number").asText());
        }
        assertThat(plan.year()).isEqualTo(document.get("year").asInt());
        assertThat(plan.categories()).isEqualTo(strings(expected.get("categories")));
        assertTasksMatch(name, plan);
    }

    private static void assertTasksMatch(String name, ParsedPlan plan) throws IOException {
        JsonNode tasks = expected(name).get("tasks");
        assertThat(plan.tasks()).hasSize(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            JsonNode e = tasks.get(i);
            ParsedTask t = plan.tasks().get(i);
            String what = name + " task " + (i + 1);
            assertThat(t.category()).as(what).isEqualTo(e.get("category").asText());
            assertThat(t.seq()).as(what).isEqualTo(e.get("seq").asInt());
            assertThat(t.title()).as(what).isEqualTo(e.get("title").asText());
            assertThat(t.leaders()).as(what).isEqualTo(strings(e.get("leaders")));
            assertThat(t.leadUnits()).as(what).isEqualTo(strings(e.get("leadUnits")));
            assertThat(t.coopUnits()).as(what).isEqualTo(strings(e.get("coopUnits")));
            if (e.has("measures")) {
                assertThat(t.measures()).as(what).hasSize(e.get("measures").asInt());
            }
            assertThat(t.errors()).as(what).isEmpty();
        }
    }

    private static JsonNode expected(String name) throws IOException {
        return new ObjectMapper().readTree(PlanFixtures.expected(name));
    }

    private static List<String> strings(JsonNode array) {
        return Arrays.asList(new ObjectMapper().convertValue(array, String[].class));
    }
}
