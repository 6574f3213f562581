package io.marketlake.cot;

import io.marketlake.TestResources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * CFTC files in the exact published layout, made from the real 2021 rows (src/test/resources/cftc): the header
 * line as published, and LEAN HOGS rows moved to other report dates or given other figures, field by name.
 */
public final class CftcFiles {

    static final String EXCERPT = "cftc/cftc_fut_disagg_f_year_2021_excerpt_LEAN_HOGS.txt";
    private static final String[] LINES = TestResources.text(EXCERPT).split("\r\n");
    static final String HEADER = LINES[0];
    /** The real LEAN HOGS row of 2021-03-16. */
    static final String HOGS_2021_03_16 = LINES[1];
    private static final List<String> COLUMNS = parse(HEADER);

    private CftcFiles() {
    }

    /** The real row with its dates set to {@code reportDate} and the given fields replaced (names as in the header). */
    public static String hogs(LocalDate reportDate, Map<String, String> changes) {
        List<String> fields = new ArrayList<>(parse(HOGS_2021_03_16));
        Map<String, String> all = new HashMap<>(changes);
        all.put("As_of_Date_In_Form_YYMMDD", reportDate.format(DateTimeFormatter.ofPattern("yyMMdd")));
        all.put("Report_Date_as_YYYY-MM-DD", reportDate.toString());
        all.forEach((name, value) -> {
            int index = COLUMNS.indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException("no column " + name);
            }
            String old = fields.get(index);
            // numbers are right-aligned in padded fields, as published
            fields.set(index, old.startsWith(" ") ? String.format("%" + old.length() + "s", value) : value);
        });
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String field = fields.get(i);
            line.append(i == 0 ? "\"" + field + "\"" : field);
        }
        return line.toString();
    }

    public static String hogs(LocalDate reportDate) {
        return hogs(reportDate, Map.of());
    }

    /** A yearly file: the header, then the rows, CRLF as published. */
    public static String yearly(String... rows) {
        return HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n";
    }

    public static byte[] zip(String entryName, String text) {
        return zip(Map.of(entryName, text));
    }

    public static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<String> parse(String line) {
        try {
            CSVRecord record = CSVFormat.DEFAULT.parse(new StringReader(line)).getRecords().get(0);
            return record.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
