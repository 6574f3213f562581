package io.marketlake.futures;

import io.marketlake.databento.OhlcvBar;
import io.marketlake.databento.OhlcvReader;
import io.marketlake.databento.PayloadSource;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.LandedFiles;
import io.marketlake.ingest.Rejection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Intraday bars that stay in their landed response, so a day of one-second bars of a whole parent never sits in
 * memory: checked in one pass by the rules of every bar, written to the lake in a second pass that reads the
 * response again (FuturesBars), both in whichever encoding it arrived (DBN, zstd or not, CSV, JSON lines). A bar must appear once per instrument and bar time; Databento sends a response
 * merged and sorted by time, so only the bars of one bar time are held to tell, and a bar earlier than the one
 * before it is refused as {@code out_of_order} (a broken response, asked again). Memory is bounded by the
 * instruments of one bar time and the rejections, not by the bars of the day.
 */
public final class LandedBars {

    /** The exchange property holding what the check found ({@link Checked}), for the lake step. */
    public static final String PROPERTY = "marketlakeLandedBars";

    /** What the check found: how many bars passed and which ones (by their place among the bars read) did not. */
    public record Checked(PayloadSource response, BitSet rejected, long passed) {

        /** Pushes the bars that passed, in response order, reading the response again. */
        public void forEachPassed(Consumer<OhlcvBar> each) {
            long[] place = {0};
            RuntimeException[] failure = {null};
            // the reader takes a consumer's failure for an unreadable record: the writer's must stop the write
            OhlcvReader.readAny(response, bar -> {
                if (!rejected.get(Math.toIntExact(place[0]++)) && failure[0] == null) {
                    try {
                        each.accept(bar);
                    } catch (RuntimeException e) {
                        failure[0] = e;
                    }
                }
            }, new ArrayList<>());
            if (failure[0] != null) {
                throw failure[0];
            }
        }
    }

    /** The check step: the body becomes a batch of no records in memory and every rejection of the response. */
    public Batch<OhlcvBar> check(@ExchangeProperty(IngestProperties.PAYLOAD) LandedFiles landing,
            @ExchangeProperty(IngestProperties.DATE) String requestedDate,
            @ExchangeProperty(IngestProperties.SCHEMA) String schema, Exchange exchange) {
        if (landing.files().size() != 1) {
            throw new IllegalStateException("expected one landed response, found " + landing.files());
        }
        PayloadSource response = new PayloadSource.FileSource(landing.files().get(0));
        LocalDate requested = LocalDate.parse(requestedDate);
        BarSchema bars = BarSchema.of(schema);
        List<Rejection> rejections = new ArrayList<>();
        BitSet rejected = new BitSet();
        SameTime sameTime = new SameTime(rejections, rejected);
        long[] place = {0};
        OhlcvReader.readAny(response, bar -> {
            int at = Math.toIntExact(place[0]++);
            try {
                Rejection rejection = FuturesValidator.check(bar, requested, bars);
                if (rejection != null) {
                    rejections.add(rejection);
                    rejected.set(at);
                } else {
                    sameTime.add(bar, at);
                }
            } catch (RuntimeException e) {
                // the reader rejects it as unreadable; the second pass must skip it too
                rejected.set(at);
                throw e;
            }
        }, rejections);
        sameTime.flush();
        Checked checked = new Checked(response, rejected, place[0] - rejected.cardinality());
        exchange.setProperty(PROPERTY, checked);
        return new Batch<>(List.of(), rejections);
    }

    /** The bars of the current bar time, told apart as the batch's distinct rule does once the time has passed. */
    private static final class SameTime {
        private final List<Rejection> rejections;
        private final BitSet rejected;
        private final Map<OhlcvBar, Integer> places = new IdentityHashMap<>();
        private final List<OhlcvBar> bars = new ArrayList<>();
        private Instant time;

        SameTime(List<Rejection> rejections, BitSet rejected) {
            this.rejections = rejections;
            this.rejected = rejected;
        }

        void add(OhlcvBar bar, int place) {
            if (time != null && bar.tsEvent().isBefore(time)) {
                rejections.add(new Rejection(bar.raw(), "out_of_order", bar.describe() + ": comes after bars of "
                        + time + ", but a response is sorted by time"));
                rejected.set(place);
                return;
            }
            if (!bar.tsEvent().equals(time)) {
                flush();
                time = bar.tsEvent();
            }
            bars.add(bar);
            places.put(bar, place);
        }

        void flush() {
            if (bars.size() > 1) {
                Batch<OhlcvBar> distinct = FuturesValidator.distinct(new Batch<>(bars, List.of()));
                Set<OhlcvBar> kept = Collections.newSetFromMap(new IdentityHashMap<>());
                kept.addAll(distinct.records());
                bars.stream().filter(bar -> !kept.contains(bar)).forEach(bar -> rejected.set(places.get(bar)));
                rejections.addAll(distinct.rejections());
            }
            bars.clear();
            places.clear();
        }
    }
}
