package cn.reformoffice.platform.planimport;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A large annual plan in the published layout, for benchmarks: categories of numbered major tasks. */
final class PlanGenerator {

    private static final List<String> UNITS = List.of("市发展改革委", "市财政局", "市卫生健康委", "市科技局", "市营商环境办",
            "市医保局", "市民政局");
    private static final List<String> LEADERS = List.of("赵明远", "钱立新");

    private PlanGenerator() {
    }

    /** {@code tasks} tasks in categories of 50; every 20th task has no annotation (待分配). */
    static byte[] plan(int year, int tasks) {
        StringBuilder text = new StringBuilder();
        text.append("中共江安市委全面深化改革委员会关于印发《江安市").append(year).append("年全面深化改革工作要点》的通知\n");
        text.append("江委改发〔").append(year).append("〕1号\n\n江安市").append(year).append("年全面深化改革工作要点\n\n");
        text.append("一、总体要求\n\n全市改革工作要坚持问题导向，推动各项改革举措落地见效。\n\n二、重点任务\n\n");
        int category = 0;
        for (int i = 0; i < tasks; i++) {
            if (i % 50 == 0) {
                category++;
                text.append("（").append(DocxReader.chinese(category)).append("）改革领域").append(category).append("\n\n");
            }
            int seq = i % 50 + 1;
            text.append(seq).append(".第").append(category).append("领域第").append(seq).append("项改革任务\n\n");
            text.append("主要目标：到年底形成第").append(i + 1).append("项改革的制度成果，相关指标达到全市平均水平以上。\n\n");
            text.append("重点举措：\n\n");
            for (int m = 1; m <= 3; m++) {
                text.append("（").append(m).append("）推进第").append(i + 1).append("项改革的第").append(m)
                        .append("项举措，明确时间节点和责任分工。\n\n");
            }
            if (i % 20 != 19) {
                text.append("（");
                if (i % 3 == 0) {
                    text.append("领衔市领导：").append(LEADERS.get(i % 2)).append("，");
                }
                text.append("牵头单位：").append(UNITS.get(i % UNITS.size()));
                text.append("，协同单位：").append(UNITS.get((i + 1) % UNITS.size())).append("、")
                        .append(UNITS.get((i + 2) % UNITS.size())).append("）\n\n");
            }
        }
        text.append("三、保障措施\n\n各牵头单位每季度将工作进展情况报送市委改革办。\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
