package io.marketlake.features;

import io.marketlake.ConfigurationException;
import io.marketlake.lake.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * A point-in-time feature matrix: for each row of a times file, what was known of each feature at the row's time,
 * by the rule of {@link FeatureStore#at} (a stale value is null unless asked for). Each market's rows are read
 * once, merged with the times ({@link FeatureTimeline}), so it is one pass, not a query per time, and memory grows
 * with the number of features. Times in order (per market) stream straight to the output; otherwise they are
 * answered in time order into a spill file beside the output and written in the file's order from there.
 */
public final class FeatureMatrix {

    /** What to join. {@code market}: for rows without one; {@code features}: exact names or prefixes, all if empty. */
    public record Request(Path times, Path out, String market, List<String> features, boolean longForm,
            boolean includeStale, Instant asRecorded) {
    }

    /** What was written. */
    public record Result(long rows, List<String> features, List<String> markets, boolean inOrder) {
    }

    private static final List<MatrixWriter.Column> LONG_COLUMNS = List.of(
            new MatrixWriter.Column("feature", MatrixWriter.Kind.STRING),
            new MatrixWriter.Column("value", MatrixWriter.Kind.DOUBLE),
            new MatrixWriter.Column("as_of", MatrixWriter.Kind.TIMESTAMP),
            new MatrixWriter.Column("available_at", MatrixWriter.Kind.TIMESTAMP),
            new MatrixWriter.Column("quality", MatrixWriter.Kind.STRING),
            new MatrixWriter.Column("status", MatrixWriter.Kind.STRING));

    private final FeatureStore store;

    public FeatureMatrix(FeatureStore store) {
        this.store = store;
    }

    /** Told how far a join has come: the rows of its times file, then every twentieth of them answered. */
    public interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void started(long rows) {
            }

            @Override
            public void answered(long rows) {
            }
        };

        void started(long rows);

        void answered(long rows);
    }

    public Result join(Request request) {
        return join(request, Progress.NONE);
    }

    public Result join(Request request, Progress progress) {
        if (request.out().toAbsolutePath().normalize().equals(request.times().toAbsolutePath().normalize())) {
            throw new ConfigurationException("--out " + request.out() + " is the times file itself: the matrix"
                    + " would replace its input");
        }
        TimesFile times = new TimesFile(request.times());
        try {
            Scan scan = scan(times, request.market());
            List<String> features = features(scan.markets(), request.features());
            List<MatrixWriter.Column> columns = request.longForm() ? LONG_COLUMNS
                    : features.stream().map(f -> new MatrixWriter.Column(f, MatrixWriter.Kind.DOUBLE)).toList();
            progress.started(scan.rows());
            try (MatrixWriter out = MatrixWriter.open(request.out(), times, columns)) {
                Output output = new Output(out, features, request, progress, scan.rows());
                if (scan.inOrder()) {
                    inOrder(times, request, features, output);
                } else {
                    outOfOrder(times, request, features, output);
                }
                out.finish();
            }
            return new Result(scan.rows(), features, scan.markets(), scan.inOrder());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot join features into " + request.out(), e);
        }
    }

    private record Scan(long rows, List<String> markets, boolean inOrder) {
    }

    /** The first pass: the markets, and whether each market's times come in order. */
    private static Scan scan(TimesFile times, String defaultMarket) throws IOException {
        Map<String, Long> lastByMarket = new LinkedHashMap<>();
        boolean[] inOrder = {true};
        long[] rows = {0};
        times.forEach(row -> {
            String market = market(row, defaultMarket);
            long millis = row.ts().toEpochMilli();
            Long last = lastByMarket.put(market, millis);
            if (last != null && millis < last) {
                inOrder[0] = false;
            }
            rows[0]++;
        });
        return new Scan(rows[0], new ArrayList<>(new TreeSet<>(lastByMarket.keySet())), inOrder[0]);
    }

    private List<String> features(List<String> markets, List<String> selectors) {
        TreeSet<String> names = new TreeSet<>();
        markets.forEach(m -> names.addAll(store.featureNames(m)));
        List<String> chosen = names.stream().filter(name -> selectors == null || selectors.isEmpty()
                || selectors.stream().anyMatch(name::startsWith)).toList();
        if (chosen.isEmpty() && selectors != null && !selectors.isEmpty()) {
            throw new ConfigurationException("no feature of " + markets + " is or starts with " + selectors
                    + " (features: " + names + ")");
        }
        return chosen;
    }

    private void inOrder(TimesFile times, Request request, List<String> features, Output output) throws IOException {
        Map<String, FeatureTimeline> timelines = new HashMap<>();
        try {
            times.forEach(row -> {
                String market = market(row, request.market());
                FeatureTimeline timeline = timelines.computeIfAbsent(market,
                        m -> store.timeline(m, features, request.asRecorded()));
                output.write(row, market, timeline.at(row.ts()));
            });
        } finally {
            timelines.values().forEach(FeatureTimeline::close);
        }
    }

    /**
     * Times out of order: sorted by market and time (their positions only), answered in that order into a spill
     * file of fixed-size answers at each row's position, then written in the file's order.
     */
    private void outOfOrder(TimesFile times, Request request, List<String> features, Output output)
            throws IOException {
        List<Instant> instants = new ArrayList<>();
        List<String> markets = new ArrayList<>();
        times.forEach(row -> {
            instants.add(row.ts());
            markets.add(market(row, request.market()));
        });
        int[] order = IntStream.range(0, instants.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> markets.get(i)).thenComparing(instants::get))
                .mapToInt(Integer::intValue).toArray();
        AnswerCodec codec = new AnswerCodec(features.size());
        Path spill = DurableFiles.tempFor(request.out().toAbsolutePath(), "spill");
        try (FileChannel channel = FileChannel.open(spill, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            FeatureTimeline timeline = null;
            String market = null;
            ByteBuffer buffer = ByteBuffer.allocate(codec.size());
            try {
                for (int i : order) {
                    if (!markets.get(i).equals(market)) {
                        if (timeline != null) {
                            timeline.close();
                        }
                        market = markets.get(i);
                        timeline = store.timeline(market, features, request.asRecorded());
                    }
                    buffer.clear();
                    codec.encode(timeline.at(instants.get(i)), buffer);
                    buffer.flip();
                    channel.write(buffer, (long) i * codec.size());
                }
            } finally {
                if (timeline != null) {
                    timeline.close();
                }
            }
            instants.clear();
            markets.clear();
            ByteBuffer read = ByteBuffer.allocate(codec.size());
            times.forEach(row -> {
                read.clear();
                channel.read(read, row.index() * codec.size());
                read.flip();
                output.write(row, market(row, request.market()), codec.decode(features, read));
            });
        } finally {
            Files.deleteIfExists(spill);
        }
    }

    private static String market(TimesFile.Row row, String defaultMarket) {
        String market = row.market() != null ? row.market() : defaultMarket;
        if (market == null) {
            throw new ConfigurationException("times row " + (row.index() + 1) + " names no market and no --market"
                    + " was given");
        }
        return market;
    }

    /** Renders the points of one row: one matrix row (wide), or a row per feature (long). */
    private static final class Output {

        private final MatrixWriter out;
        private final List<String> features;
        private final boolean longForm;
        private final boolean includeStale;
        private final List<Object> values = new ArrayList<>();
        private final Progress progress;
        private final long rows;
        private final long step;
        private long written;

        Output(MatrixWriter out, List<String> features, Request request, Progress progress, long rows) {
            this.out = out;
            this.features = features;
            this.longForm = request.longForm();
            this.includeStale = request.includeStale();
            this.progress = progress;
            this.rows = rows;
            this.step = Math.max(1, rows / 20);
        }

        void write(TimesFile.Row row, String market, List<FeaturePoint> points) throws IOException {
            writeRow(row, market, points);
            written++;
            if (written % step == 0 || written == rows) {
                progress.answered(written);
            }
        }

        private void writeRow(TimesFile.Row row, String market, List<FeaturePoint> points) throws IOException {
            if (!longForm) {
                values.clear();
                points.forEach(p -> values.add(value(p)));
                out.row(row.ts(), market, row.carried(), values);
                return;
            }
            for (int i = 0; i < features.size(); i++) {
                FeaturePoint p = points.get(i);
                out.row(row.ts(), market, row.carried(), p == null
                        ? Arrays.asList(features.get(i), null, null, null, null, null)
                        : Arrays.asList(features.get(i), value(p), p.asOf(), p.availableAt(), p.quality().label(),
                                p.status().label()));
            }
        }

        private Double value(FeaturePoint p) {
            return p == null || (p.status() == FeaturePoint.Status.STALE && !includeStale) ? null : p.value();
        }
    }

    /** A row's points in fixed size: per feature a flag, the value, as_of, available_at and quality. */
    private static final class AnswerCodec {

        private static final int PER_FEATURE = 1 + 8 + 8 + 8 + 1;
        private static final byte KNOWN = 1;
        private static final byte STALE = 2;
        private static final byte NULL_VALUE = 4;
        private static final Quality[] QUALITIES = Quality.values();

        private final int features;

        AnswerCodec(int features) {
            this.features = features;
        }

        int size() {
            return Math.max(1, features * PER_FEATURE);
        }

        void encode(List<FeaturePoint> points, ByteBuffer buffer) {
            for (FeaturePoint p : points) {
                if (p == null) {
                    buffer.put((byte) 0).putDouble(0).putLong(0).putLong(0).put((byte) 0);
                    continue;
                }
                byte flag = (byte) (KNOWN | (p.status() == FeaturePoint.Status.STALE ? STALE : 0)
                        | (p.value() == null ? NULL_VALUE : 0));
                buffer.put(flag).putDouble(p.value() == null ? 0 : p.value())
                        .putLong(p.asOf().toEpochMilli())
                        .putLong(p.availableAt().toEpochMilli()).put((byte) p.quality().ordinal());
            }
            while (buffer.position() < size()) {
                buffer.put((byte) 0);
            }
        }

        List<FeaturePoint> decode(List<String> names, ByteBuffer buffer) {
            List<FeaturePoint> points = new ArrayList<>(names.size());
            for (String name : names) {
                byte flag = buffer.get();
                double value = buffer.getDouble();
                long asOf = buffer.getLong();
                long availableAt = buffer.getLong();
                byte quality = buffer.get();
                points.add((flag & KNOWN) == 0 ? null : new FeaturePoint(name, (flag & NULL_VALUE) != 0 ? null : value,
                        Instant.ofEpochMilli(asOf), Instant.ofEpochMilli(availableAt), QUALITIES[quality],
                        (flag & STALE) != 0 ? FeaturePoint.Status.STALE : FeaturePoint.Status.OK));
            }
            return points;
        }
    }
}
