package io.marketlake.cot;

import io.marketlake.Markets;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Reads the CFTC disaggregated futures-only text files (the yearly {@code f_year.txt} and the current-week
 * file) by header name, never by position, and keeps the rows of one contract market code. Names are matched
 * ignoring case and doubled underscores, because the CFTC spells some swap-dealer columns
 * {@code Swap__Positions_Short_All}. A file without a header row (the current-week file) is read with the
 * yearly file's layout. A header that lacks a required column fails the whole file, naming the column.
 */
public final class CotReader {

    static final String MARKET_NAME = "Market_and_Exchange_Names";
    static final String REPORT_DATE = "Report_Date_as_YYYY-MM-DD";
    static final String AS_OF_YYMMDD = "As_of_Date_In_Form_YYMMDD";
    static final String CODE = "CFTC_Contract_Market_Code";
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(false).get();
    private static final List<String> LAYOUT = layout();

    private final Markets markets;

    public CotReader(Markets markets) {
        this.markets = markets;
    }

    /** The pipeline's parse step: the market's rows of the report weeks the ingest asked for (all when none). */
    public Batch<CotReport> read(@Body List<CotFile> files, @ExchangeProperty(IngestProperties.MARKET) String market,
            @ExchangeProperty(IngestProperties.COT_SELECTION) CotSelection selection) {
        Batch<CotReport> batch = read(files, markets.get(market).cftcCode());
        return new Batch<>(CotSelection.orAll(selection).apply(batch.records()), batch.rejections());
    }

    /**
     * Rows of {@code cftcCode} in the files; a report date found in an earlier file wins over a later one (the
     * current-week file comes first). Within one file a report date appears once: a repeated row is kept once, two
     * different rows for one date are both refused.
     */
    public Batch<CotReport> read(List<CotFile> files, String cftcCode) {
        List<CotReport> reports = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        for (CotFile file : files) {
            List<CotReport> ofFile = new ArrayList<>();
            List<Rejection> rejectedOfFile = new ArrayList<>();
            readFile(file, cftcCode.trim(), ofFile, rejectedOfFile);
            Batch<CotReport> distinct = new Batch<>(ofFile, rejectedOfFile).distinct(CotReport::reportDate,
                    r -> java.util.Arrays.toString(r.figures()), CotReport::raw, CotReport::describe);
            rejections.addAll(distinct.rejections());
            distinct.records().stream().filter(r -> !seen.contains(r.reportDate())).forEach(reports::add);
            distinct.records().forEach(r -> seen.add(r.reportDate()));
        }
        return new Batch<>(reports, rejections);
    }

    private static void readFile(CotFile file, String code, List<CotReport> reports, List<Rejection> rejections) {
        try (CSVParser parser = CSV.parse(new StringReader(file.text()))) {
            Map<String, Integer> columns = null;
            long line = 0;
            for (CSVRecord record : parser) {
                line++;
                if (columns == null) {
                    if (normalize(record.get(0)).equals(normalize(MARKET_NAME))) {
                        columns = index(record.toList(), file.source());
                        continue;
                    }
                    columns = index(LAYOUT, file.source());
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                Integer codeColumn = columns.get(normalize(CODE));
                if (codeColumn >= record.size() || !record.get(codeColumn).trim().equals(code)) {
                    continue;
                }
                String raw = line(file.text(), record.getCharacterPosition());
                try {
                    reports.add(toReport(record, columns, file.source(), raw));
                } catch (RuntimeException e) {
                    rejections.add(new Rejection(raw, "unreadable_record",
                            file.source() + " line " + line + ": " + e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new CotFormatException(file.source() + " is not readable CSV: " + e.getMessage(), e);
        }
    }

    /** The record exactly as published, from its position in the file to the end of its line. */
    private static String line(String text, long position) {
        int start = (int) position;
        int end = text.indexOf('\n', start);
        String line = end < 0 ? text.substring(start) : text.substring(start, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static CotReport toReport(CSVRecord record, Map<String, Integer> columns, String source, String raw) {
        long[] figures = new long[CotFigure.ALL.size()];
        for (int i = 0; i < figures.length; i++) {
            figures[i] = figure(record, columns, CotFigure.ALL.get(i).cftcColumn());
        }
        return new CotReport(
                value(record, columns, CODE).trim(),
                value(record, columns, MARKET_NAME).trim(),
                reportDate(record, columns),
                figures[0], figures[1], figures[2], figures[3], figures[4], figures[5], figures[6], figures[7],
                figures[8], figures[9], figures[10], figures[11], figures[12], figures[13], figures[14],
                figures[15], source, raw);
    }

    private static LocalDate reportDate(CSVRecord record, Map<String, Integer> columns) {
        String text = value(record, columns, REPORT_DATE).trim();
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException notIso) {
            Integer yymmdd = columns.get(normalize(AS_OF_YYMMDD));
            if (yymmdd != null && yymmdd < record.size()) {
                return LocalDate.parse(record.get(yymmdd).trim(), YYMMDD);
            }
            throw new IllegalArgumentException("report date '" + text + "' is not yyyy-mm-dd");
        }
    }

    private static long figure(CSVRecord record, Map<String, Integer> columns, String name) {
        String text = value(record, columns, name).trim();
        if (text.isEmpty() || text.equals(".")) {
            throw new IllegalArgumentException(name + " is missing");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a whole number");
        }
    }

    private static String value(CSVRecord record, Map<String, Integer> columns, String name) {
        int index = columns.get(normalize(name));
        if (index >= record.size()) {
            throw new IllegalArgumentException("row has " + record.size() + " fields, no " + name);
        }
        return record.get(index);
    }

    private static Map<String, Integer> index(List<String> header, String source) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(normalize(header.get(i)), i);
        }
        List<String> required = new ArrayList<>(List.of(MARKET_NAME, REPORT_DATE, CODE));
        CotFigure.ALL.forEach(figure -> required.add(figure.cftcColumn()));
        for (String name : required) {
            if (!columns.containsKey(normalize(name))) {
                throw new CotFormatException(source + ": required column " + name + " is missing from the header");
            }
        }
        return columns;
    }

    static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replaceAll("_+", "_");
    }

    private static List<String> layout() {
        try (InputStream in = CotReader.class.getClassLoader()
                .getResourceAsStream("cot/disaggregated-futures-layout.csv")) {
            String header = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return CSV.parse(new StringReader(header)).getRecords().get(0).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
