package cn.reformoffice.platform.planimport;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.reformoffice.platform.planimport.ParsedPlan.ParsedTask;

/**
 * Reads an annual plan (工作要点) given as lines of text (a text file's lines or a Word document's
 * paragraphs): title, document number and year ({@link PlanHeader}), sections (一、), categories ((一)),
 * numbered tasks (1.), 主要目标/重点举措 blocks with their (1)(2)… measures, and the annotations naming
 * lead leaders, lead units and cooperating units in full- or half-width punctuation. Sections such as
 * 总体要求 and 保障措施 hold no tasks; a saved web page's footer ends the plan. Patterns are anchored and linear, so hostile input cannot make it backtrack.
 */
final class PlanTextParser {

    record Line(int number, String text) {
    }

    private static final String CN_NUMBER = "[一二三四五六七八九十百零〇]{1,4}";
    private static final Pattern SECTION = Pattern.compile("^(" + CN_NUMBER + ")\\s*[、，,.．]\\s*(\\S.*)$");
    private static final Pattern CATEGORY = Pattern.compile(
            "^(?:[（(]\\s*(" + CN_NUMBER + ")\\s*[)）]|(" + CN_NUMBER + ")\\s*[)）])\\s*[、，,.．]?\\s*(\\S.*)$");
    private static final Pattern TASK = Pattern.compile("^(\\d{1,3})\\s*[.．、，,](?!\\d)\\s*(\\S.*)$");
    private static final Pattern MEASURE = Pattern.compile("^[（(]\\s*(\\d{1,3})\\s*[)）]\\s*(.*)$");
    private static final Pattern MEASURE_TYPO = Pattern.compile("^(\\d{1,3})\\s*[)）]\\s*(\\S.*)$");
    private static final Pattern MEASURE_CIRCLED = Pattern.compile("^([\\u2460-\\u2473])\\s*(\\S.*)$");
    private static final Pattern INLINE_MEASURE = Pattern.compile("[（(]\\s*\\d{1,3}\\s*[)）]|[\\u2460-\\u2473]");
    private static final Pattern GOALS = Pattern.compile("^(?:主要目标|工作目标|目标任务|预期目标)\\s*[:：]\\s*(.*)$");
    private static final Pattern MEASURES = Pattern.compile(
            "^(?:重点举措|主要举措|具体举措|工作举措|主要措施|重点措施|具体措施)\\s*[:：]\\s*(.*)$");
    /** The footer of a plan saved from a website (【打印本页】【关闭窗口】, 主办：…): the plan has ended. */
    private static final Pattern PAGE_FOOTER = Pattern.compile(
            "^(?:[【\\[［]\\s*(?:打印|关闭|收藏|分享|返回|字体)|扫一扫"
                    + "|(?:主办单位|承办单位|主办|承办|网站标识码|版权所有|技术支持)\\s*[:：])");
    private static final Pattern PROSE_SECTION = Pattern.compile(
            ".*(总体要求|指导思想|基本原则|总体目标|保障措施|工作要求|组织保障|组织领导|工作保障|实施保障).*");

    private static final Map<String, Role> KEYS = Map.ofEntries(
            Map.entry("领衔市领导", Role.LEADER), Map.entry("领衔领导", Role.LEADER),
            Map.entry("牵头市领导", Role.LEADER), Map.entry("牵头领导", Role.LEADER),
            Map.entry("牵头单位", Role.LEAD_UNIT), Map.entry("牵头部门", Role.LEAD_UNIT),
            Map.entry("责任单位", Role.LEAD_UNIT), Map.entry("责任部门", Role.LEAD_UNIT),
            Map.entry("协同单位", Role.COOP_UNIT), Map.entry("协同部门", Role.COOP_UNIT),
            Map.entry("配合单位", Role.COOP_UNIT), Map.entry("配合部门", Role.COOP_UNIT),
            Map.entry("协办单位", Role.COOP_UNIT), Map.entry("参与单位", Role.COOP_UNIT),
            Map.entry("成员单位", Role.COOP_UNIT),
            Map.entry("完成时限", Role.DEADLINE), Map.entry("完成时间", Role.DEADLINE));
    private static final Pattern KEY = Pattern.compile(
            "(领衔市领导|领衔领导|牵头市领导|牵头领导|牵头单位|牵头部门|责任单位|责任部门|协同单位|协同部门|配合单位|配合部门"
                    + "|协办单位|参与单位|成员单位|完成时限|完成时间)\\s*[:：]");

    enum Role {
        LEADER, LEAD_UNIT, COOP_UNIT, DEADLINE
    }

    record Annotation(List<String> leaders, List<String> leadUnits, List<String> coopUnits, String deadline) {
    }

    private final String format;
    private final IntFunction<String> location;

    /**
     * @param format   TEXT or DOCX
     * @param location names a line for messages: 第12行 for text, 第12段 for Word paragraphs
     */
    PlanTextParser(String format, IntFunction<String> location) {
        this.format = format;
        this.location = location;
    }

    ParsedPlan parse(List<Line> lines, int maxTasks) {
        PlanHeader header = new PlanHeader();
        Integer firstYear = null;
        boolean structureSeen = false;

        String section = null;
        boolean proseSection = false;
        String category = null;
        int headings = 0;
        boolean anyAnnotation = false;
        TaskBuilder task = null;
        List<TaskBuilder> tasks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> ignoredInProse = new ArrayList<>();

        for (Line raw : lines) {
            String line = PlanText.clean(raw.text());
            if (line.isEmpty()) {
                continue;
            }
            String where = location.apply(raw.number());
            if (firstYear == null && raw.number() <= 40) {
                firstYear = PlanText.firstYear(line);
            }
            Matcher sectionMatch = SECTION.matcher(line);
            Matcher categoryMatch = CATEGORY.matcher(line);
            Matcher taskMatch = TASK.matcher(line);

            if (!structureSeen) {
                boolean structural = (sectionMatch.matches() && headingTitle(sectionMatch.group(2)) != null)
                        || taskMatch.matches() || (categoryMatch.matches() && headingTitle(categoryMatch.group(3)) != null);
                if (!structural) {
                    header.read(line, where);
                    continue;
                }
                structureSeen = true;
            }
            if (PAGE_FOOTER.matcher(line).lookingAt()) {
                break;
            }

            if (sectionMatch.matches() && headingTitle(sectionMatch.group(2)) != null) {
                task = close(task, tasks);
                section = headingTitle(sectionMatch.group(2));
                proseSection = section.length() <= 15 && PROSE_SECTION.matcher(section).matches();
                category = null;
                headings++;
                continue;
            }
            if (categoryMatch.matches() && headingTitle(categoryMatch.group(3)) != null) {
                task = close(task, tasks);
                category = headingTitle(categoryMatch.group(3));
                headings++;
                if (categoryMatch.group(1) == null) {
                    warnings.add(where + "类别编号“" + categoryMatch.group(2) + ")”缺少左括号，已按“（"
                            + categoryMatch.group(2) + "）”识别");
                }
                continue;
            }
            if (proseSection) {
                if (taskMatch.matches()) {
                    ignoredInProse.add(where);
                }
                continue;
            }
            if (taskMatch.matches()) {
                task = close(task, tasks);
                if (tasks.size() >= maxTasks) {
                    throw new PlanFormatException("文件中的任务超过" + maxTasks + "项的上限（" + where
                            + "），未导入任何任务。请拆分文件后分批导入。", where);
                }
                task = new TaskBuilder(category != null ? category : section, Integer.parseInt(taskMatch.group(1)),
                        where);
                String body = taskMatch.group(2);
                int annotationStart = trailingAnnotationStart(body);
                if (annotationStart >= 0) {
                    Annotation annotation = annotation(annotationInner(body, annotationStart));
                    if (annotation != null) {
                        task.apply(annotation);
                        anyAnnotation = true;
                        body = body.substring(0, annotationStart);
                    }
                }
                body = PlanText.clean(body);
                int stop = body.indexOf('。');
                task.title = trimPunctuation(stop < 0 ? body : body.substring(0, stop));
                task.appendGoals(stop < 0 ? "" : body.substring(stop + 1));
                continue;
            }
            Annotation standalone = standaloneAnnotation(line);
            if (standalone != null) {
                anyAnnotation = true;
                if (task != null) {
                    task.apply(standalone);
                } else {
                    warnings.add(where + "的标注“" + PlanText.quote(line) + "”前面没有任务，已忽略");
                }
                continue;
            }
            if (task == null) {
                continue;
            }
            Matcher goals = GOALS.matcher(line);
            Matcher measures = MEASURES.matcher(line);
            Matcher measure = MEASURE.matcher(line);
            Matcher typo = MEASURE_TYPO.matcher(line);
            Matcher circled = MEASURE_CIRCLED.matcher(line);
            if (goals.matches()) {
                task.block = Block.GOALS;
                task.appendGoals(goals.group(1));
            } else if (measures.matches()) {
                task.block = Block.MEASURES;
                task.inlineMeasures(measures.group(1));
            } else if (measure.matches()) {
                task.measure(Integer.parseInt(measure.group(1)), measure.group(2), where, null);
            } else if (typo.matches()) {
                task.measure(Integer.parseInt(typo.group(1)), typo.group(2), where,
                        where + "措施编号“" + typo.group(1) + ")”缺少左括号，已按“（" + typo.group(1) + "）”识别");
            } else if (circled.matches()) {
                task.measure(circled.group(1).charAt(0) - '\u2460' + 1, circled.group(2), where, null);
            } else if (!task.closed) {
                task.continueText(line);
            }
        }
        close(task, tasks);

        if (tasks.isEmpty()) {
            String found = headings > 0 ? "已识别" + headings + "个标题，但其下没有“1.”“2.”编号的改革任务。"
                    : "文件中没有“一、”“（一）”标题，也没有“1.”“2.”编号的改革任务。";
            throw new PlanFormatException("未找到改革任务，未导入任何内容。" + found + PlanText.PLAN_HINT);
        }
        String planTitle = header.title();
        String number = header.number();
        if (!anyAnnotation && planTitle == null && number == null) {
            String where = tasks.get(0).location;
            throw new PlanFormatException("文件中有编号段落（" + where + "起），但没有任何“牵头单位”“领衔市领导”等标注，"
                    + "也没有“工作要点”标题或文号，看起来不是年度工作要点，未导入任何任务。" + PlanText.PLAN_HINT, where);
        }
        if (!ignoredInProse.isEmpty()) {
            warnings.add("“总体要求”“保障措施”等部分中的编号段落不是改革任务，已忽略（" + String.join("、", ignoredInProse) + "）");
        }
        Integer year = planTitle != null && PlanText.firstYear(planTitle) != null ? PlanText.firstYear(planTitle)
                : header.numberYear() != null ? header.numberYear() : firstYear;
        return build(planTitle, number, year, tasks, warnings);
    }

    private ParsedPlan build(String title, String number, Integer year, List<TaskBuilder> builders,
            List<String> warnings) {
        List<String> categories = new ArrayList<>(new LinkedHashSet<>(
                builders.stream().map(b -> b.category == null ? "" : b.category).toList()));
        List<ParsedTask> tasks = new ArrayList<>();
        int previousCategory = -1;
        int previousSeq = 0;
        for (TaskBuilder b : builders) {
            int categoryNo = categories.indexOf(b.category == null ? "" : b.category) + 1;
            if (categoryNo != previousCategory) {
                previousSeq = 0;
            }
            if (b.seq != previousSeq + 1) {
                b.warnings.add(b.location + "任务序号为" + b.seq + "，上一项为" + (previousSeq == 0 ? "无" : previousSeq)
                        + "，序号不连续");
            }
            previousCategory = categoryNo;
            previousSeq = b.seq;
            LocalDate deadline = b.deadlineText == null ? null : PlanText.deadline(b.deadlineText, year);
            if (b.deadlineText != null && deadline == null) {
                b.warnings.add("无法识别完成时限“" + PlanText.quote(b.deadlineText) + "”");
            }
            tasks.add(new ParsedTask(categoryNo, b.category, b.seq, b.title, PlanText.blankToNull(b.goals.toString()),
                    b.measures, b.leaders, b.leadUnits, b.coopUnits, deadline, b.location, b.warnings, List.of()));
        }
        categories.remove("");
        return new ParsedPlan(format, title, number, year, categories, tasks, warnings);
    }

    private static TaskBuilder close(TaskBuilder task, List<TaskBuilder> tasks) {
        if (task != null) {
            tasks.add(task);
        }
        return null;
    }

    /** A heading's title, or null when the "heading" is really a long prose paragraph. */
    private static String headingTitle(String text) {
        String title = PlanText.clean(text);
        int stop = title.indexOf('。');
        if (stop >= 0) {
            title = title.substring(0, stop);
        }
        title = trimPunctuation(title);
        return title.isEmpty() || title.length() > 60 ? null : title;
    }

    private static String trimPunctuation(String text) {
        return PlanText.clean(text).replaceAll("[。.；;，,：:\\s]+$", "");
    }

    /** A line that is only an annotation: "（牵头单位：X）", "(领衔市领导:A、B,牵头单位:C)" or "牵头单位：X". */
    static Annotation standaloneAnnotation(String line) {
        if (KEY.matcher(line).lookingAt()) {
            return annotation(line);
        }
        return trailingAnnotationStart(line) == 0 ? annotation(annotationInner(line, 0)) : null;
    }

    /**
     * Where a bracketed group closing the line starts (brackets may nest: 各县(区)), or -1. Trailing
     * sentence punctuation after it is allowed. Linear scan from the end.
     */
    static int trailingAnnotationStart(String text) {
        int end = lastBracket(text);
        if (end < 0) {
            return -1;
        }
        int depth = 0;
        for (int i = end; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == ')' || c == '）') {
                depth++;
            } else if (c == '(' || c == '（') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int lastBracket(String text) {
        int i = text.length() - 1;
        while (i >= 0 && "。.；;，,、 ".indexOf(text.charAt(i)) >= 0) {
            i--;
        }
        return i >= 0 && (text.charAt(i) == ')' || text.charAt(i) == '）') ? i : -1;
    }

    private static String annotationInner(String text, int start) {
        return text.substring(start + 1, lastBracket(text));
    }

    /** Parses "领衔市领导:A、B,牵头单位:C；协同单位:D" into roles; null when it does not start with a known key. */
    static Annotation annotation(String inner) {
        String text = PlanText.clean(inner);
        Matcher key = KEY.matcher(text);
        if (!key.lookingAt()) {
            return null;
        }
        List<String> leaders = new ArrayList<>();
        List<String> leadUnits = new ArrayList<>();
        List<String> coopUnits = new ArrayList<>();
        String deadline = null;
        List<int[]> positions = new ArrayList<>();
        List<Role> roles = new ArrayList<>();
        key.reset();
        while (key.find()) {
            positions.add(new int[] { key.start(), key.end() });
            roles.add(KEYS.get(key.group(1)));
        }
        for (int i = 0; i < positions.size(); i++) {
            int end = i + 1 < positions.size() ? positions.get(i + 1)[0] : text.length();
            String value = text.substring(positions.get(i)[1], end);
            switch (roles.get(i)) {
                case LEADER -> leaders.addAll(PlanText.names(value));
                case LEAD_UNIT -> leadUnits.addAll(PlanText.names(value));
                case COOP_UNIT -> coopUnits.addAll(PlanText.names(value));
                case DEADLINE -> deadline = PlanText.blankToNull(value.replaceAll("[,，;；。]+$", ""));
            }
        }
        return new Annotation(leaders, leadUnits, coopUnits, deadline);
    }

    private enum Block {
        NONE, GOALS, MEASURES
    }

    private static final class TaskBuilder {
        final String category;
        final int seq;
        final String location;
        String title;
        final StringBuilder goals = new StringBuilder();
        final List<String> measures = new ArrayList<>();
        final List<String> leaders = new ArrayList<>();
        final List<String> leadUnits = new ArrayList<>();
        final List<String> coopUnits = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        String deadlineText;
        Block block = Block.NONE;
        boolean closed;

        TaskBuilder(String category, int seq, String location) {
            this.category = category;
            this.seq = seq;
            this.location = location;
        }

        void apply(Annotation annotation) {
            addAll(leaders, annotation.leaders());
            addAll(leadUnits, annotation.leadUnits());
            addAll(coopUnits, annotation.coopUnits());
            if (annotation.deadline() != null) {
                deadlineText = annotation.deadline();
            }
            closed = true;
        }

        private static void addAll(List<String> target, List<String> names) {
            names.stream().filter(name -> !target.contains(name)).forEach(target::add);
        }

        void appendGoals(String text) {
            String cleaned = PlanText.clean(text);
            if (!cleaned.isEmpty()) {
                if (!goals.isEmpty()) {
                    goals.append('\n');
                }
                goals.append(cleaned);
            }
        }

        void inlineMeasures(String text) {
            String cleaned = PlanText.clean(text);
            if (cleaned.isEmpty()) {
                return;
            }
            Matcher marker = INLINE_MEASURE.matcher(cleaned);
            List<Integer> starts = new ArrayList<>();
            while (marker.find()) {
                starts.add(marker.start());
            }
            if (starts.isEmpty() || starts.get(0) > 0) {
                measures.add(cleaned.substring(0, starts.isEmpty() ? cleaned.length() : starts.get(0)).strip());
            }
            for (int i = 0; i < starts.size(); i++) {
                String item = cleaned.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : cleaned.length());
                item = INLINE_MEASURE.matcher(item).replaceFirst("").strip().replaceAll("[；;]+$", "");
                if (!item.isEmpty()) {
                    measures.add(item);
                }
            }
        }

        void measure(int number, String text, String where, String warning) {
            if (warning != null) {
                warnings.add(warning);
            }
            if (number != measures.size() + 1) {
                warnings.add(where + "措施编号为（" + number + "），应为（" + (measures.size() + 1) + "）");
            }
            measures.add(PlanText.clean(text));
            block = Block.MEASURES;
        }

        void continueText(String line) {
            if (block == Block.MEASURES && !measures.isEmpty()) {
                int last = measures.size() - 1;
                measures.set(last, measures.get(last) + line);
            } else {
                appendGoals(line);
            }
        }
    }
}
