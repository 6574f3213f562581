package io.marketlake.slices;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import io.marketlake.lake.ColumnarParquetWriter;

/**
 * How much of each alert's window the lake holds, so a backtest can tell a short window from a quiet market:
 * candles before and from the anchor, a status, and whether strict coverage keeps the alert.
 */
final class Coverage {

    static final String COMPLETE = "complete";
    static final String PARTIAL = "partial";
    static final String INSUFFICIENT = "insufficient";
    static final String FILE = "outputs/coverage.parquet";

    /** One alert's coverage. Times are epoch microseconds. */
    record Row(String alertId, String symbol, long anchor, int pre, int post, int total, Long firstTs,
            Long lastTs, String status, boolean kept) {
    }

    private final List<Alert> alerts;
    private final List<Row> rows;

    private Coverage(List<Alert> alerts, List<Row> rows) {
        this.alerts = alerts;
        this.rows = rows;
    }

    static Coverage of(List<Alert> alerts, CandleBuffer candles, SliceConfig config) {
        List<Row> rows = new ArrayList<>(alerts.size());
        for (Alert alert : alerts) {
            AlertWindows.Span window = AlertWindows.span(alert, config);
            CandleBuffer.Candles symbolCandles = candles.of(alert.symbol());
            int pre = symbolCandles.count(window.start(), window.anchor());
            int post = symbolCandles.count(window.anchor(), window.end());
            int total = pre + post;
            String status = pre < config.minRequiredPre() || total == 0 ? INSUFFICIENT
                    : total >= config.targetTotal() ? COMPLETE : PARTIAL;
            boolean kept = !config.strictCoverage() || status.equals(COMPLETE);
            rows.add(new Row(alert.alertId(), alert.symbol(), window.anchor(), pre, post, total,
                    symbolCandles.first(window.start(), window.end()), symbolCandles.last(window.start(), window.end()),
                    status, kept));
        }
        return new Coverage(alerts, rows);
    }

    List<Row> rows() {
        return rows;
    }

    /** The alerts whose candles go into the slices. */
    List<Alert> keptAlerts() {
        List<Alert> kept = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            if (rows.get(i).kept()) {
                kept.add(alerts.get(i));
            }
        }
        return kept;
    }

    long count(String status) {
        return rows.stream().filter(row -> row.status().equals(status)).count();
    }

    long kept() {
        return rows.stream().filter(Row::kept).count();
    }

    /** Writes {@link #FILE}; only strict coverage adds the kept column, since without it every alert is kept. */
    void write(RunWriter run, SliceConfig config) throws IOException {
        Path file = run.dir().resolve(FILE);
        Schema schema = config.strictCoverage() ? SliceSchemas.COVERAGE_STRICT : SliceSchemas.COVERAGE;
        try (ColumnarParquetWriter<GenericRecord> writer = run.open(file, schema, config.codec())) {
            for (Row row : rows) {
                GenericData.Record record = new GenericData.Record(schema);
                record.put("alert_id", row.alertId());
                record.put("symbol", row.symbol());
                record.put("anchor_ts", row.anchor());
                record.put("available_pre", row.pre());
                record.put("available_post", row.post());
                record.put("available_total", row.total());
                record.put("first_ts", row.firstTs());
                record.put("last_ts", row.lastTs());
                record.put("status", row.status());
                if (config.strictCoverage()) {
                    record.put("kept", row.kept());
                }
                writer.write(record);
            }
        }
        run.list(List.of(run.place(file, rows.size())));
    }
}
