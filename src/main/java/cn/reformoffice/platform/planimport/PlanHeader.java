package cn.reformoffice.platform.planimport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a plan says before its first heading: its title, the title named by the notice that transmits it
 * (关于印发《…工作要点》的通知) and its document number (文号). Also reads a plan saved from a government
 * website: the page's metadata rows (索引号, 发文时间, 文件编号 …, cells often on one line), the notice with
 * its signature and date, then the plan, whose title may stand on two lines (the issuing body, then
 * {@code 2023年工作要点}); those two lines are joined. Numbers are written with 〔〕 around the year.
 */
final class PlanHeader {

    private static final String NUMBER = "[\\p{IsHan}]{1,15}\\s*[〔\\[［【(（]\\s*(20\\d{2})\\s*[〕\\]］】)）]\\s*\\d{1,4}\\s*号";
    private static final Pattern DOCUMENT_NUMBER = Pattern.compile(NUMBER);
    /** A number after its label, as in a web page's metadata: 文件编号：江委改发〔2023〕1号. */
    private static final Pattern LABELLED_NUMBER = Pattern.compile(
            "(?:文件编号|文件文号|发文字号|发文文号|文号)\\s*[:：]?\\s*(" + NUMBER + ")");
    private static final Pattern NUMBER_IN_BRACKETS = Pattern.compile("[（(]\\s*" + NUMBER + "\\s*[)）]");
    private static final Pattern YEAR_BRACKETS = Pattern.compile("[〔\\[［【(（](20\\d{2})[〕\\]］】)）]");
    private static final Pattern NOTICE_TITLE = Pattern.compile("《([^》]{4,60})》");
    /** A web page's metadata row: 标　　题：…, 索引号：… (the label's letters may be spaced out). */
    private static final Pattern METADATA = Pattern.compile(
            "^(?:标\\s*题|名\\s*称|索\\s*引\\s*号|发布机构|发文机关|主题分类|体裁分类|发文时间|发布时间|成文日期|发文日期"
                    + "|发布日期|生成日期|文件编号|发文字号|文\\s*号|有\\s*效\\s*性|来\\s*源)\\s*[:：]\\s*");
    /** A title line that lacks its subject: 2023年工作要点 (the issuing body stands on the line above). */
    private static final Pattern YEAR_FIRST_TITLE = Pattern.compile("^20\\d{2}\\s*年.*");
    private static final Pattern ISSUING_BODY = Pattern.compile(
            "^[\\p{IsHan}（）()]{2,30}(?:委员会|委|政府|办公室|办公厅|办|领导小组|小组|市|县|区|省|州|盟|旗)$");
    /** A website's navigation bar or breadcrumbs (首页 | 政务公开 | 政府工作报告), not a document's title. */
    private static final Pattern NAVIGATION = Pattern.compile(".*[|｜>＞›»].*");
    private static final Pattern NOT_A_PLAN_TITLE = Pattern.compile(".*(总结|工作报告|情况报告|情况的报告|述职|汇报).*");

    private String title;
    private String noticeTitle;
    private String number;
    private boolean numberLabelled;
    private Integer numberYear;
    private int lines;
    private String previousLine;

    /** Reads one cleaned, non-empty line before the first heading; refuses a year-end summary or report. */
    void read(String line, String where) {
        lines++;
        if (line.length() <= 60 && lines <= 12 && NOT_A_PLAN_TITLE.matcher(line).matches() && !line.contains("要点")
                && !NAVIGATION.matcher(line).matches()) {
            throw new PlanFormatException(where + "“" + PlanText.quote(line)
                    + "”表明这是一份工作总结或报告，不是年度工作要点，未导入任何任务。" + PlanText.PLAN_HINT, where);
        }
        Matcher metadata = METADATA.matcher(line);
        String text = metadata.lookingAt() ? line.substring(metadata.end()) : line;
        Matcher notice = NOTICE_TITLE.matcher(text);
        boolean namesAPlan = notice.find() && notice.group(1).contains("要点");
        readNumber(line, namesAPlan && isNoticeTitle(text));
        if (namesAPlan) {
            if (noticeTitle == null) {
                noticeTitle = notice.group(1);
            }
        } else if (text.length() <= 40 && !text.endsWith("：") && !text.endsWith(":") && !text.contains("《")
                && (text.contains("要点") || text.matches(".*改革.*(计划|任务|方案|清单|台账).*"))) {
            title = YEAR_FIRST_TITLE.matcher(text).matches() && previousLine != null
                    && ISSUING_BODY.matcher(previousLine).matches() ? previousLine + text : text;
        }
        previousLine = line;
    }

    /**
     * A labelled number (文件编号：…) anywhere in the header wins; otherwise the first number on a short line
     * (the number under the notice's title) or on the notice's title itself. Long body lines are not searched:
     * they cite other documents' numbers.
     */
    private void readNumber(String line, boolean noticeTitleLine) {
        if (numberLabelled) {
            return;
        }
        Matcher labelled = LABELLED_NUMBER.matcher(line);
        if (labelled.find()) {
            setNumber(labelled.group(1), labelled.group(2));
            numberLabelled = true;
            return;
        }
        Matcher found = DOCUMENT_NUMBER.matcher(line);
        if (number == null && (line.length() <= 40 || noticeTitleLine) && found.find()) {
            setNumber(found.group(), found.group(1));
        }
    }

    /** 关于印发《…》的通知, perhaps followed by its number in brackets; not a paragraph citing the plan. */
    private static boolean isNoticeTitle(String text) {
        int end = text.lastIndexOf("通知");
        if (end < 0 || text.lastIndexOf('》', end) < 0) {
            return false;
        }
        String rest = text.substring(end + 2).strip();
        return rest.isEmpty() || NUMBER_IN_BRACKETS.matcher(rest).matches();
    }

    private void setNumber(String text, String year) {
        number = YEAR_BRACKETS.matcher(text.replaceAll("\\s+", "")).replaceFirst("〔$1〕");
        numberYear = Integer.valueOf(year);
    }

    /** The plan's own title, else the one its notice names. */
    String title() {
        return title != null ? title : noticeTitle;
    }

    String number() {
        return number;
    }

    Integer numberYear() {
        return numberYear;
    }
}
