package io.marketlake.slices;

import io.marketlake.lake.LakeColumns;
import io.marketlake.lake.LakeReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lake's candles that some alert window needs, held per symbol in columns rather than as records (a run may
 * hold millions), with the lake files they were read from, which the manifest lists.
 */
final class CandleBuffer {

    private static final Candles NONE = new Candles();
    /** The columns of a bar table a slice takes. */
    private static final List<String> COLUMNS = List.of("symbol", "ts_event", "open", "high", "low", "close", "volume");

    private final Map<String, Candles> bySymbol;
    private final List<Path> files;

    private CandleBuffer(Map<String, Candles> bySymbol, List<Path> files) {
        this.bySymbol = bySymbol;
        this.files = files;
    }

    /**
     * Reads, from the newest batch of each trading date, the candles the windows cover: the lake's row groups column
     * by column (no record per candle), a symbol and its windows looked up again only where it changes from the row
     * before.
     */
    static CandleBuffer read(LakeReader lake, SliceConfig config, AlertWindows windows) {
        Map<String, Candles> candles = new HashMap<>();
        if (windows.isEmpty()) {
            return new CandleBuffer(candles, List.of());
        }
        long interval = config.interval().micros();
        List<Path> files = lake.scanBatches(config.dataType(), config.market(), windows.firstDate(),
                windows.lastDate(), COLUMNS, batch -> {
                    int[] at = new int[COLUMNS.size()];
                    for (int c = 0; c < at.length; c++) {
                        at[c] = batch.column(COLUMNS.get(c));
                    }
                    if (at[1] < 0) {
                        throw new SliceConfigException("data_type " + config.dataType()
                                + " has no ts_event column: not bars");
                    }
                    String symbol = null;
                    int symbolRow = -1;
                    Candles symbolCandles = null;
                    AlertWindows.Cursor symbolWindows = null;
                    for (int row = 0; row < batch.rows(); row++) {
                        if (!batch.selected(row)) {
                            continue;
                        }
                        if (symbol == null || !batch.sameString(at[0], row, symbolRow)) {
                            symbol = at[0] < 0 || batch.isEmpty(at[0], row) ? null : batch.string(at[0], row);
                            symbolRow = row;
                            symbolCandles = symbol == null || !windows.symbols().contains(symbol) ? null
                                    : candles.computeIfAbsent(symbol, s -> new Candles());
                            symbolWindows = symbolCandles == null ? null : windows.cursor(symbol);
                        }
                        if (symbolCandles == null) {
                            continue;
                        }
                        if (batch.isEmpty(at[1], row)) {
                            throw new SliceConfigException("data_type " + config.dataType()
                                    + " has a bar without ts_event: not bars");
                        }
                        long ts = batch.longValue(at[1], row);
                        if (Math.floorMod(ts, interval) != 0) {
                            throw new SliceConfigException("data_type " + config.dataType() + " holds a bar at "
                                    + LakeColumns.instant(ts) + " that is not on a " + config.interval().text()
                                    + " boundary: its bars are not of that interval");
                        }
                        if (symbolWindows.covers(ts)) {
                            symbolCandles.add(ts, batch.doubleValue(at[2], row), batch.doubleValue(at[3], row),
                                    batch.doubleValue(at[4], row), batch.doubleValue(at[5], row),
                                    batch.longValue(at[6], row));
                        }
                    }
                });
        candles.values().forEach(Candles::seal);
        return new CandleBuffer(candles, files);
    }

    /** The lake files the candles were read from, in the order read. */
    List<Path> files() {
        return files;
    }

    /** A symbol's candles, sorted by time; none for a symbol the lake has no candle of in any window. */
    Candles of(String symbol) {
        return bySymbol.getOrDefault(symbol, NONE);
    }

    /** The candles of one symbol, sorted by time once collected. */
    static final class Candles {
        private long[] ts = new long[16];
        private double[] open = new double[16];
        private double[] high = new double[16];
        private double[] low = new double[16];
        private double[] close = new double[16];
        private long[] volume = new long[16];
        private int size;

        void add(long time, double o, double h, double l, double c, long v) {
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
            open[size] = o;
            high[size] = h;
            low[size] = l;
            close[size] = c;
            volume[size] = v;
            size++;
        }

        /** Sorts by time; a time seen twice (the lake answers one batch per date, so only by mistake) keeps one. */
        void seal() {
            boolean inOrder = true;
            boolean distinct = true;
            for (int i = 1; i < size; i++) {
                inOrder &= ts[i - 1] <= ts[i];
                distinct &= ts[i - 1] != ts[i];
            }
            if (inOrder && distinct) {
                return; // the usual case: nothing to sort or drop, so the columns are kept as they are
            }
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            if (!inOrder) {
                // a scan gives a symbol's candles in time order (dates in order, a file's rows by symbol then time):
                // only an unusual lake needs the sort
                Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
                Arrays.sort(boxed, Comparator.comparingLong(i -> ts[i]));
                order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
            }
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
            return indexOf(to) - indexOf(from);
        }

        Long first(long from, long to) {
            int i = indexOf(from);
            return i < size && ts[i] < to ? ts[i] : null;
        }

        Long last(long from, long to) {
            int i = indexOf(to) - 1;
            return i >= 0 && ts[i] >= from ? ts[i] : null;
        }

        double open(int i) {
            return open[i];
        }

        double high(int i) {
            return high[i];
        }

        double low(int i) {
            return low[i];
        }

        double close(int i) {
            return close[i];
        }

        long volume(int i) {
            return volume[i];
        }

        /** The index of the first candle at or after {@code time}; {@link #size} when there is none. */
        int indexOf(long time) {
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
