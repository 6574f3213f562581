package io.marketlake.slices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.Market;
import io.marketlake.Markets;
import io.marketlake.lake.DurableFiles;
import io.marketlake.lake.LakeColumns;
import io.marketlake.lake.LakeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports windows of candles around alert times from the lake as a sealed, reproducible run (SPEC §6):
 * {@code runs/run_id=<id>/slices/ohlcv/interval=<i>/window=<w>/bucket=<hh>/part-0000.parquet},
 * {@code outputs/coverage.parquet}, then {@code manifest.json} last (temp name, then rename). Nothing in a run
 * depends on the clock or the machine, so the same config over the same lake gives the same bytes.
 */
public final class SliceExporter {

    private static final Logger LOG = LoggerFactory.getLogger(SliceExporter.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String MANIFEST = "manifest.json";
    static final String COMPLETE = "complete";
    static final String PARTIAL = "partial";
    static final String INSUFFICIENT = "insufficient";

    /** The data types the lake has a table for; a config may also name any other data type the lake holds. */

    private final LakeReader lake;
    private final Path runsRoot;
    private final Set<String> markets;

    public SliceExporter(LakeReader lake, Path runsRoot, Markets markets) {
        this.lake = lake;
        this.runsRoot = runsRoot;
        this.markets = markets.all().stream().map(Market::code).collect(Collectors.toUnmodifiableSet());
    }

    /** Exports the run a config file describes and returns its directory. */
    public Path export(Path configFile) {
        String text;
        try {
            text = Files.readString(configFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SliceConfigException("cannot read the run config " + configFile + ": " + e.getMessage());
        }
        return export(text, configFile.toAbsolutePath().getParent());
    }

    /** A run config dropped in the inbox: its alerts path is relative to the inbox. */
    public String exportDropped(@Body String configText, @Header(Exchange.FILE_PARENT) String directory) {
        return export(configText, Path.of(directory).toAbsolutePath()).toString();
    }

    /** Exports the run a config (JSON text) describes; relative paths in it are against {@code base}. */
    public Path export(String configText, Path base) {
        SliceConfig config = SliceConfig.parse(configText, base, markets, lake.dataTypes());
        List<Alert> alerts = AlertsReader.read(config.alerts());
        String alertsHash = Hashes.sha256(config.alerts());
        long interval = config.interval().micros();

        // windows per symbol, in candle micros: [start, end)
        Map<String, List<long[]>> windows = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Alert alert : alerts) {
            long[] window = window(alert, config);
            windows.computeIfAbsent(alert.symbol(), s -> new ArrayList<>()).add(window);
            first = Math.min(first, window[0]);
            last = Math.max(last, window[1]);
        }
        Map<String, long[][]> merged = new HashMap<>();
        windows.forEach((symbol, list) -> merged.put(symbol, merge(list)));

        Map<String, Candles> candles = new HashMap<>();
        LocalDate from = alerts.isEmpty() ? null : LocalDate.ofInstant(LakeColumns.instant(first), ZoneOffset.UTC);
        LocalDate to = alerts.isEmpty() ? null : LocalDate.ofInstant(LakeColumns.instant(last - 1), ZoneOffset.UTC);
        LakeReader.Scan scan = alerts.isEmpty() ? new LakeReader.Scan(null, List.of())
                : lake.scan(config.dataType(), config.market(), from, to, false, record -> {
                    String symbol = String.valueOf(record.get("symbol"));
                    long[][] ranges = merged.get(symbol);
                    if (ranges == null) {
                        return;
                    }
                    long ts = candleTime(record, config);
                    if (Math.floorMod(ts, interval) != 0) {
                        throw new SliceConfigException("data_type " + config.dataType() + " holds a bar at "
                                + LakeColumns.instant(ts) + " that is not on a " + config.interval().text()
                                + " boundary: its bars are not of that interval");
                    }
                    if (covers(ranges, ts)) {
                        candles.computeIfAbsent(symbol, s -> new Candles()).add(ts, record);
                    }
                });
        candles.values().forEach(Candles::seal);

        ArrayNode lakeFiles = JSON.createArrayNode();
        for (Path file : scan.files()) {
            ObjectNode entry = lakeFiles.addObject();
            entry.put("path", lake.root().relativize(file).toString().replace('\\', '/'));
            entry.put("sha256", Hashes.sha256(file));
            entry.put("rows", Hashes.parquetRows(file));
        }
        String runId = config.runId() != null ? config.runId()
                : "run-" + Hashes.sha256(config.spec().toString() + "|" + alertsHash + "|" + lakeFiles).substring(0, 16);
        Path runDir = prepare(runsRoot.resolve("run_id=" + runId));

        try {
            List<CoverageRow> coverage = coverage(alerts, candles, config);
            Map<String, long[][]> keptWindows = keptWindows(alerts, coverage, config);
            ArrayNode outputs = JSON.createArrayNode();
            long sliceRows = writeSlices(runDir, config, candles, keptWindows, outputs);
            Path coverageFile = runDir.resolve("outputs/coverage.parquet");
            writeCoverage(coverageFile, coverage, config);
            addOutput(outputs, runDir, coverageFile);

            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("format", "marketlake-slices/1");
            manifest.put("run_id", runId);
            manifest.put("sealed", true);
            manifest.set("spec", config.spec());
            ObjectNode inputs = manifest.putObject("inputs");
            inputs.put("config_sha256", Hashes.sha256(configText));
            ObjectNode alertsEntry = inputs.putObject("alerts");
            alertsEntry.put("file", config.alerts().getFileName().toString());
            alertsEntry.put("sha256", alertsHash);
            alertsEntry.put("rows", alerts.size());
            ObjectNode lakeState = manifest.putObject("lake");
            lakeState.put("data_type", config.dataType());
            lakeState.put("market", config.market());
            lakeState.put("versions", "newest batch per trading date");
            lakeState.set("files", lakeFiles);
            manifest.set("outputs", outputs);
            ObjectNode summary = manifest.putObject("coverage");
            summary.put("alerts", coverage.size());
            for (String status : List.of(COMPLETE, PARTIAL, INSUFFICIENT)) {
                summary.put(status, coverage.stream().filter(c -> c.status().equals(status)).count());
            }
            long kept = coverage.stream().filter(CoverageRow::kept).count();
            summary.put("kept", kept);
            summary.put("dropped", coverage.size() - kept);
            summary.put("slice_rows", sliceRows);
            seal(runDir, outputs, manifest);
            LOG.info("Exported slices run {}: {} alerts, {} candles, {} kept, {} dropped", runId, coverage.size(),
                    sliceRows, kept, coverage.size() - kept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write slices run " + runDir, e);
        }
        return runDir;
    }

    /** [anchor − N·interval, anchor + (M+1)·interval), anchor = alert time floored to the interval. */
    static long[] window(Alert alert, SliceConfig config) {
        long anchor = LakeColumns.micros(config.interval().floor(alert.ts()));
        long interval = config.interval().micros();
        return new long[] {anchor - config.window().pre() * interval, anchor + (config.window().post() + 1L) * interval,
            anchor};
    }

    /** A run directory to write: a sealed run is never overwritten; an unfinished one is replaced. */
    private static Path prepare(Path runDir) {
        if (Files.exists(runDir.resolve(MANIFEST))) {
            throw new SliceRunSealedException("run " + runDir.getFileName() + " is sealed (" + runDir.resolve(MANIFEST)
                    + "); a sealed run is never overwritten: give another run_id, or remove it yourself");
        }
        try {
            if (Files.exists(runDir)) {
                LOG.warn("Replacing unfinished run {}", runDir);
                try (Stream<Path> files = Files.walk(runDir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + runDir, e);
        }
        return runDir;
    }

    /**
     * Writes the manifest under its final name last. Every output and every directory holding one is forced to
     * disk first: after a power loss a manifest must never vouch for a file whose bytes never reached the disk.
     */
    private static void seal(Path runDir, ArrayNode outputs, ObjectNode manifest) throws IOException {
        Set<Path> directories = new TreeSet<>(Comparator.reverseOrder());
        for (JsonNode output : outputs) {
            Path file = runDir.resolve(output.get("path").asText());
            DurableFiles.force(file);
            for (Path dir = file.getParent(); !dir.equals(runDir); dir = dir.getParent()) {
                directories.add(dir);
            }
        }
        directories.forEach(DurableFiles::forceDirectory);
        // the run's own name in the runs directory, created by prepare(); moveIntoPlace syncs the run directory
        DurableFiles.forceDirectory(runDir.getParent());
        Path temp = runDir.resolve("." + MANIFEST + ".inprogress");
        Files.write(temp, JSON.writeValueAsBytes(manifest));
        DurableFiles.moveIntoPlace(temp, runDir.resolve(MANIFEST));
    }

    private static long candleTime(GenericRecord record, SliceConfig config) {
        Object ts = record.get("ts_event");
        if (ts == null) {
            throw new SliceConfigException("data_type " + config.dataType() + " has no ts_event column: not bars");
        }
        return ((Number) ts).longValue();
    }

    private List<CoverageRow> coverage(List<Alert> alerts, Map<String, Candles> candles, SliceConfig config) {
        List<CoverageRow> rows = new ArrayList<>(alerts.size());
        for (Alert alert : alerts) {
            long[] window = window(alert, config);
            Candles symbolCandles = candles.get(alert.symbol());
            int pre = symbolCandles == null ? 0 : symbolCandles.count(window[0], window[2]);
            int post = symbolCandles == null ? 0 : symbolCandles.count(window[2], window[1]);
            Long firstTs = symbolCandles == null ? null : symbolCandles.first(window[0], window[1]);
            Long lastTs = symbolCandles == null ? null : symbolCandles.last(window[0], window[1]);
            int total = pre + post;
            String status = pre < config.minRequiredPre() || total == 0 ? INSUFFICIENT
                    : total >= config.targetTotal() ? COMPLETE : PARTIAL;
            boolean kept = !config.strictCoverage() || status.equals(COMPLETE);
            rows.add(new CoverageRow(alert.alertId(), alert.symbol(), window[2], pre, post, total, firstTs, lastTs,
                    status, kept));
        }
        return rows;
    }

    private static Map<String, long[][]> keptWindows(List<Alert> alerts, List<CoverageRow> coverage, SliceConfig config) {
        Map<String, List<long[]>> kept = new HashMap<>();
        for (int i = 0; i < alerts.size(); i++) {
            if (coverage.get(i).kept()) {
                kept.computeIfAbsent(alerts.get(i).symbol(), s -> new ArrayList<>()).add(window(alerts.get(i), config));
            }
        }
        Map<String, long[][]> merged = new HashMap<>();
        kept.forEach((symbol, list) -> merged.put(symbol, merge(list)));
        return merged;
    }

    private static long writeSlices(Path runDir, SliceConfig config, Map<String, Candles> candles,
            Map<String, long[][]> keptWindows, ArrayNode outputs) throws IOException {
        Map<String, List<String>> symbolsByBucket = new TreeMap<>();
        keptWindows.keySet().stream().sorted()
                .forEach(s -> symbolsByBucket.computeIfAbsent(Hashes.bucket(s), b -> new ArrayList<>()).add(s));
        Path base = runDir.resolve("slices/ohlcv/interval=" + config.interval().text() + "/window="
                + config.window().text());
        long total = 0;
        for (Map.Entry<String, List<String>> bucket : symbolsByBucket.entrySet()) {
            Path file = base.resolve("bucket=" + bucket.getKey()).resolve("part-0000.parquet");
            long rows = 0;
            ParquetWriter<GenericRecord> writer = null;
            try {
                for (String symbol : bucket.getValue()) {
                    Candles symbolCandles = candles.get(symbol);
                    if (symbolCandles == null) {
                        continue;
                    }
                    for (int i = 0; i < symbolCandles.size(); i++) {
                        if (!covers(keptWindows.get(symbol), symbolCandles.ts(i))) {
                            continue;
                        }
                        if (writer == null) {
                            Files.createDirectories(file.getParent());
                            writer = writer(temp(file), SliceSchemas.CANDLE, config.codec());
                        }
                        writer.write(symbolCandles.record(i, symbol));
                        rows++;
                    }
                }
            } finally {
                if (writer != null) {
                    writer.close();
                }
            }
            if (writer != null) {
                DurableFiles.moveIntoPlace(temp(file), file);
            }
            if (rows > 0) {
                addOutput(outputs, runDir, file);
                total += rows;
            }
        }
        return total;
    }

    private static void writeCoverage(Path file, List<CoverageRow> coverage, SliceConfig config) throws IOException {
        Files.createDirectories(file.getParent());
        Schema schema = config.strictCoverage() ? SliceSchemas.COVERAGE_STRICT : SliceSchemas.COVERAGE;
        try (ParquetWriter<GenericRecord> writer = writer(temp(file), schema, config.codec())) {
            for (CoverageRow row : coverage) {
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
        DurableFiles.moveIntoPlace(temp(file), file);
    }

    /**
     * Every output is written to a hidden temp name and renamed when complete, so a reader globbing a run's
     * Parquet files never meets a half-written one, even in a run a kill left unfinished.
     */
    private static Path temp(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".inprogress");
    }

    private static ParquetWriter<GenericRecord> writer(Path file, Schema schema, CompressionCodecName codec)
            throws IOException {
        return AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .withCompressionCodec(codec)
                .build();
    }

    private static void addOutput(ArrayNode outputs, Path runDir, Path file) {
        ObjectNode entry = outputs.addObject();
        entry.put("path", runDir.relativize(file).toString().replace('\\', '/'));
        entry.put("sha256", Hashes.sha256(file));
        entry.put("rows", Hashes.parquetRows(file));
    }

    /** Sorted, disjoint [start, end) ranges covering the given windows. */
    static long[][] merge(List<long[]> windows) {
        List<long[]> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingLong(w -> w[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] window : sorted) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1)[1] >= window[0]) {
                long[] lastRange = merged.get(merged.size() - 1);
                lastRange[1] = Math.max(lastRange[1], window[1]);
            } else {
                merged.add(new long[] {window[0], window[1]});
            }
        }
        return merged.toArray(long[][]::new);
    }

    static boolean covers(long[][] ranges, long ts) {
        if (ranges == null) {
            return false;
        }
        int low = 0;
        int high = ranges.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (ts < ranges[mid][0]) {
                high = mid - 1;
            } else if (ts >= ranges[mid][1]) {
                low = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** One alert's coverage. Times are epoch microseconds. */
    record CoverageRow(String alertId, String symbol, long anchor, int pre, int post, int total, Long firstTs,
            Long lastTs, String status, boolean kept) {
    }

    /** The candles of one symbol that some window needs, sorted by time once collected. */
    static final class Candles {
        private long[] ts = new long[16];
        private double[] open = new double[16];
        private double[] high = new double[16];
        private double[] low = new double[16];
        private double[] close = new double[16];
        private long[] volume = new long[16];
        private int size;

        void add(long time, GenericRecord record) {
            if (size == ts.length) {
                int capacity = size * 2;
                ts = Arrays.copyOf(ts, capacity);
                open = Arrays.copyOf(open, capacity);
                high = Arrays.copyOf(high, capacity);
                low = Arrays.copyOf(low, capacity);
                close = Arrays.copyOf(close, capacity);
                volume = Arrays.copyOf(volume, capacity);
            }
            ts[size] = time;
            open[size] = ((Number) record.get("open")).doubleValue();
            high[size] = ((Number) record.get("high")).doubleValue();
            low[size] = ((Number) record.get("low")).doubleValue();
            close[size] = ((Number) record.get("close")).doubleValue();
            volume[size] = ((Number) record.get("volume")).longValue();
            size++;
        }

        /** Sorts by time; a time seen twice (the lake answers one batch per date, so only by mistake) keeps one. */
        void seal() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingLong(i -> ts[i]));
            long[] t = new long[size];
            double[] o = new double[size];
            double[] h = new double[size];
            double[] l = new double[size];
            double[] c = new double[size];
            long[] v = new long[size];
            int kept = 0;
            for (int index : order) {
                if (kept > 0 && t[kept - 1] == ts[index]) {
                    continue;
                }
                t[kept] = ts[index];
                o[kept] = open[index];
                h[kept] = high[index];
                l[kept] = low[index];
                c[kept] = close[index];
                v[kept] = volume[index];
                kept++;
            }
            ts = t;
            open = o;
            high = h;
            low = l;
            close = c;
            volume = v;
            size = kept;
        }

        int size() {
            return size;
        }

        long ts(int i) {
            return ts[i];
        }

        /** Candles with time in [from, to). */
        int count(long from, long to) {
            return lowerBound(to) - lowerBound(from);
        }

        Long first(long from, long to) {
            int i = lowerBound(from);
            return i < size && ts[i] < to ? ts[i] : null;
        }

        Long last(long from, long to) {
            int i = lowerBound(to) - 1;
            return i >= 0 && ts[i] >= from ? ts[i] : null;
        }

        GenericRecord record(int i, String symbol) {
            GenericData.Record record = new GenericData.Record(SliceSchemas.CANDLE);
            record.put("symbol", symbol);
            record.put("ts", ts[i]);
            record.put("open", open[i]);
            record.put("high", high[i]);
            record.put("low", low[i]);
            record.put("close", close[i]);
            record.put("volume", volume[i]);
            return record;
        }

        private int lowerBound(long time) {
            int low = 0;
            int high = size;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (ts[mid] < time) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }
}
