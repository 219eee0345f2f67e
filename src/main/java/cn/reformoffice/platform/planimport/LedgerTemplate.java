package cn.reformoffice.platform.planimport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Year;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The downloadable ledger template (工作台账模板.xlsx), generated with POI: a title row with the year,
 * the header row the import recognises, and a second sheet explaining each column with an example.
 */
final class LedgerTemplate {

    private static final int[] WIDTHS = { 6, 16, 30, 40, 50, 14, 22, 26, 14, 16, 16 };
    private static final List<String[]> HELP = List.of(
            new String[] { "序号", "可选。任务编号由系统按类别和顺序生成（如 2026-02-03）。" },
            new String[] { "类别", "改革领域或类别，如“营商环境优化提升”。同一类别可合并单元格，或只在第一行填写。" },
            new String[] { "改革任务", "必填。任务名称，如“深化政务服务集成改革”。再次导入时按“年度+任务名称”识别同一任务。" },
            new String[] { "主要目标", "可选。" },
            new String[] { "重点举措", "可选。多条举措写作“（1）……（2）……”，或每条一行。" },
            new String[] { "领衔领导", "可选。多人用顿号“、”分隔，如“赵明远、钱立新”。" },
            new String[] { "牵头单位", "必须有此列；多个单位用“、”分隔，第一个为主牵头单位。留空的任务导入为“待分配”，分配牵头单位后启动。" },
            new String[] { "协同单位", "可选。多个单位用“、”分隔（也可写作“配合单位”）。" },
            new String[] { "完成时限", "可选。日期，或“2026年6月底”“二季度”“年底”等；不填为当年12月31日。" },
            new String[] { "成果形式、备注", "可选，导入时不读取。列的顺序可以调整，系统按表头名称识别。" });

    private LedgerTemplate() {
    }

    static byte[] generate() {
        int year = Year.now().getValue();
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet ledger = workbook.createSheet("工作台账");
            CellStyle title = workbook.createCellStyle();
            Font titleFont = workbook.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 16);
            title.setFont(titleFont);
            title.setAlignment(HorizontalAlignment.CENTER);
            CellStyle header = workbook.createCellStyle();
            Font headerFont = workbook.createFont();
            headerFont.setBold(true);
            header.setFont(headerFont);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            header.setAlignment(HorizontalAlignment.CENTER);

            Row titleRow = ledger.createRow(0);
            titleRow.createCell(0).setCellValue(year + "年全面深化改革工作台账");
            titleRow.getCell(0).setCellStyle(title);
            ledger.addMergedRegion(new CellRangeAddress(0, 0, 0, LedgerParser.TEMPLATE_HEADERS.size() - 1));
            Row headerRow = ledger.createRow(1);
            for (int c = 0; c < LedgerParser.TEMPLATE_HEADERS.size(); c++) {
                headerRow.createCell(c).setCellValue(LedgerParser.TEMPLATE_HEADERS.get(c));
                headerRow.getCell(c).setCellStyle(header);
                ledger.setColumnWidth(c, WIDTHS[c] * 256);
            }
            ledger.createFreezePane(0, 2);

            Sheet help = workbook.createSheet("填写说明");
            help.setColumnWidth(0, 18 * 256);
            help.setColumnWidth(1, 100 * 256);
            for (int r = 0; r < HELP.size(); r++) {
                Row row = help.createRow(r);
                row.createCell(0).setCellValue(HELP.get(r)[0] + "：");
                row.createCell(1).setCellValue(HELP.get(r)[1]);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
