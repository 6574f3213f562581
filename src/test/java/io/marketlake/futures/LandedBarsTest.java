package io.marketlake.futures;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.databento.DbnEncoder;
import io.marketlake.databento.OhlcvBar;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.Landing;
import io.marketlake.ingest.Rejection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A landed intraday response checked in one pass, the bars that passed read again from the file. */
class LandedBarsTest {

    private static final String HEADER = "ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n";
    private static final String T0 = "1771286400000000000";
    private static final String T1 = "1771286460000000000";

    @TempDir
    Path dir;

    @Test
    void the_bars_that_pass_are_read_again_in_response_order_and_the_rest_rejected_by_rule() throws Exception {
        String response = HEADER
                + bar(T0, 1, "91500000000", "HEJ6")
                + bar(T0, 2, "96000000000", "HEK6")
                + bar(T0, 2, "96000000000", "HEK6")              // the same bar again: kept once
                + bar(T0, 3, "70000000000", "HEM6")
                + bar(T0, 3, "70500000000", "HEM6")              // same instrument and time, other values
                + "not,a,bar\n"
                + bar(T1, 1, "91600000000", "HEJ6")
                + bar(T0, 4, "80000000000", "HEN6")              // earlier than the bar before it
                + bar(T1, 2, "-1000000000", "HEK6");             // an outright below zero
        Exchange exchange = exchange();

        Batch<OhlcvBar> checked = new LandedBars().check(landing(response), "2026-02-17", "ohlcv-1m", exchange);

        assertThat(checked.records()).isEmpty();
        assertThat(checked.rejections()).extracting(Rejection::rule).containsExactlyInAnyOrder("duplicate_record",
                "conflicting_records", "conflicting_records", "unreadable_record", "out_of_order",
                "non_positive_price");
        LandedBars.Checked landed = exchange.getProperty(LandedBars.PROPERTY, LandedBars.Checked.class);
        assertThat(landed.passed()).isEqualTo(3);
        List<String> passed = new ArrayList<>();
        landed.forEachPassed(bar -> passed.add(bar.symbol() + "@" + bar.tsEvent()));
        assertThat(passed).containsExactly("HEJ6@2026-02-17T00:00:00Z", "HEK6@2026-02-17T00:00:00Z",
                "HEJ6@2026-02-17T00:01:00Z");
    }

    @Test
    void a_landed_dbn_response_cut_inside_its_last_record_is_checked_and_read_again_as_its_text_would_be()
            throws Exception {
        String text = HEADER
                + bar(T0, 1, "91500000000", "HEJ6")
                + bar(T0, 2, "96000000000", "HEK6")
                + bar(T0, 2, "96000000000", "HEK6")              // the same bar again: kept once
                + bar(T0, 3, "70000000000", "HEM6")
                + bar(T0, 3, "70500000000", "HEM6")              // same instrument and time, other values
                + bar(T1, 1, "91600000000", "HEJ6")
                + bar(T0, 4, "80000000000", "HEN6")              // earlier than the bar before it
                + bar(T1, 2, "-1000000000", "HEK6");             // cut below: never read whole
        DbnEncoder.Request request = DbnEncoder.Request.parent("ohlcv-1m", Instant.parse("2026-02-17T00:00:00Z"),
                Instant.parse("2026-02-18T00:00:00Z"), "HE.FUT");
        byte[] dbn = DbnEncoder.encode(text, request, DbnEncoder.mappings(text, request));
        Path file = Files.write(dir.resolve("ID-ohlcv-1m.txt"), Arrays.copyOf(dbn, dbn.length - 30));
        Landing landing = new Landing();
        landing.add(file);
        Exchange exchange = exchange();

        Batch<OhlcvBar> checked = new LandedBars().check(landing, "2026-02-17", "ohlcv-1m", exchange);

        assertThat(checked.rejections()).extracting(Rejection::rule).containsExactlyInAnyOrder("duplicate_record",
                "conflicting_records", "conflicting_records", "out_of_order", "unreadable_record");
        LandedBars.Checked landed = exchange.getProperty(LandedBars.PROPERTY, LandedBars.Checked.class);
        assertThat(landed.passed()).isEqualTo(3);
        List<String> passed = new ArrayList<>();
        landed.forEachPassed(bar -> passed.add(bar.symbol() + "@" + bar.tsEvent()));
        assertThat(passed).containsExactly("HEJ6@2026-02-17T00:00:00Z", "HEK6@2026-02-17T00:00:00Z",
                "HEJ6@2026-02-17T00:01:00Z");
    }

    @Test
    void a_failure_of_the_writer_stops_the_second_pass_instead_of_passing_for_a_bad_record() throws Exception {
        String response = HEADER + bar(T0, 1, "91500000000", "HEJ6") + bar(T1, 1, "91600000000", "HEJ6");
        Exchange exchange = exchange();
        new LandedBars().check(landing(response), "2026-02-17", "ohlcv-1m", exchange);
        LandedBars.Checked landed = exchange.getProperty(LandedBars.PROPERTY, LandedBars.Checked.class);

        List<OhlcvBar> seen = new ArrayList<>();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> landed.forEachPassed(bar -> {
            seen.add(bar);
            throw new IllegalStateException("disk full");
        })).hasMessage("disk full");
        assertThat(seen).hasSize(1);
    }

    private Landing landing(String response) throws Exception {
        Path file = dir.resolve("response.txt");
        Files.writeString(file, response);
        Landing landing = new Landing();
        landing.add(file);
        return landing;
    }

    private static Exchange exchange() {
        return new DefaultExchange(new DefaultCamelContext());
    }

    private static String bar(String ts, int instrument, String close, String symbol) {
        long c = Long.parseLong(close);
        return ts + ",33,1," + instrument + "," + c + "," + (c + 100_000_000L) + "," + (c - 100_000_000L) + "," + c
                + ",5," + symbol + "\n";
    }
}
