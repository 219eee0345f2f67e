package cn.reformoffice.platform.planimport;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import cn.reformoffice.platform.planimport.LedgerParser.Row;
import cn.reformoffice.platform.planimport.LedgerParser.Sheet;

/**
 * Reads every sheet of an .xlsx as rows of cell texts with POI's streaming (SAX) reader, so memory
 * stays proportional to the cells' text, not to the workbook's XML. Dates come out as yyyy-MM-dd;
 * merged cells take the value of their top-left cell. Only called after {@link ZipGuard}.
 */
final class XlsxReader {

    private XlsxReader() {
    }

    static List<Sheet> read(byte[] bytes, int maxRows) {
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes))) {
            XSSFReader reader = new XSSFReader(pkg);
            reader.setUseReadOnlySharedStringsTable(true);
            SharedStrings strings = reader.getSharedStringsTable();
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            List<Sheet> result = new ArrayList<>();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    Collector collector = new Collector(maxRows, sheets.getSheetName());
                    MergeAwareHandler handler = new MergeAwareHandler(styles, strings, collector);
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(handler);
                    parser.parse(new InputSource(sheet));
                    result.add(new Sheet(sheets.getSheetName(), collector.rowsWithMerges(handler.merges)));
                }
            }
            return result;
        } catch (PlanFormatException e) {
            throw e;
        } catch (Exception e) {
            if (e.getCause() instanceof PlanFormatException format) {
                throw format;
            }
            throw new PlanFormatException("Excel 文件（.xlsx）已损坏或无法读取，未导入任何任务。请在 Excel 或 WPS 中重新打开并另存为 .xlsx 后再导入。");
        }
    }

    /** Dates as ISO dates, everything else as Excel shows it. */
    private static final class IsoDateFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString);
        }
    }

    private static final class MergeAwareHandler extends XSSFSheetXMLHandler {
        final List<CellRangeAddress> merges = new ArrayList<>();

        MergeAwareHandler(StylesTable styles, SharedStrings strings, SheetContentsHandler collector) {
            super(styles, strings, collector, new IsoDateFormatter(), false);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            if ("mergeCell".equals(localName) && attributes.getValue("ref") != null && merges.size() < 10_000) {
                try {
                    merges.add(CellRangeAddress.valueOf(attributes.getValue("ref")));
                } catch (IllegalArgumentException e) {
                    // a malformed merge range is ignored
                }
            }
            super.startElement(uri, localName, qName, attributes);
        }
    }

    private static final class Collector implements SheetContentsHandler {
        private final int maxRows;
        private final String sheetName;
        private final List<Row> rows = new ArrayList<>();
        private List<String> cells;
        private int rowNumber;

        Collector(int maxRows, String sheetName) {
            this.maxRows = maxRows;
            this.sheetName = sheetName;
        }

        @Override
        public void startRow(int rowNum) {
            rowNumber = rowNum + 1;
            cells = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().anyMatch(cell -> !cell.isBlank())) {
                if (rows.size() >= maxRows) {
                    throw new IllegalStateException(new PlanFormatException("工作表“" + sheetName + "”超过" + maxRows
                            + "行，超出导入上限，未导入任何任务。请拆分后分批导入。", "工作表“" + sheetName + "”第" + rowNumber + "行"));
                }
                rows.add(new Row(rowNumber, List.copyOf(cells)));
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            if (column > 200) {
                return;
            }
            while (cells.size() <= column) {
                cells.add("");
            }
            cells.set(column, value == null ? "" : value);
        }

        List<Row> rowsWithMerges(List<CellRangeAddress> merges) {
            if (merges.isEmpty()) {
                return rows;
            }
            Map<Integer, Row> byNumber = new HashMap<>();
            rows.forEach(row -> byNumber.put(row.number(), row));
            List<Row> merged = new ArrayList<>();
            for (Row row : rows) {
                List<String> values = new ArrayList<>(row.cells());
                for (CellRangeAddress range : merges) {
                    if (range.getFirstRow() + 1 < row.number() && row.number() <= range.getLastRow() + 1) {
                        Row first = byNumber.get(range.getFirstRow() + 1);
                        String top = first == null ? "" : first.cell(range.getFirstColumn());
                        for (int c = range.getFirstColumn(); c <= Math.min(range.getLastColumn(), 200); c++) {
                            while (values.size() <= c) {
                                values.add("");
                            }
                            if (values.get(c).isBlank()) {
                                values.set(c, top);
                            }
                        }
                    } else if (range.getFirstRow() + 1 == row.number()) {
                        String top = row.cell(range.getFirstColumn());
                        for (int c = range.getFirstColumn() + 1; c <= Math.min(range.getLastColumn(), 200); c++) {
                            while (values.size() <= c) {
                                values.add("");
                            }
                            if (values.get(c).isBlank()) {
                                values.set(c, top);
                            }
                        }
                    }
                }
                merged.add(new Row(row.number(), values));
            }
            return merged;
        }
    }
}
