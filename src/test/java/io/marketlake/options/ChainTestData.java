package io.marketlake.options;

import io.marketlake.TestResources;
import io.marketlake.databento.PayloadSource;
import io.marketlake.ingest.Batch;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The recorded-format HE chain of 2026-02-17 (src/test/resources/databento/options, written by
 * generate_chain.py), in CSV (raw prices and times) or JSON (pretty). Designed values, checked by hand:
 * <ul>
 * <li>April expiry (2026-04-14, underlying HEJ6 at mid 91.175): strikes 84..100 by 2; calls OI 100 each, puts
 * OI 60 each but 20 at strike 100: put/call 500/900, total 1400; strike 100's call is crossed and its put has
 * OI 20, so 8 liquid strikes (84..98), not degraded; the strike nearest 91.175 is 92, whose call and put are
 * priced at 30 % volatility.</li>
 * <li>June expiry (2026-06-12, HEM6 at mid 103.8): strikes 96, 100, 104; call OI 30+70+50, put OI 80+40+20:
 * put/call 140/150, total 290; 3 liquid strikes (fewer than 8: degraded); at strike 104 the call is priced at
 * 26 % and the put at 28 %: at-the-money 27 %.</li>
 * <li>Bad records: a February option that expired on 2026-02-13, and quotes for instrument 99999999 that has
 * no definition. Decoys that must not be used: an underlying quote and today's settlements after the
 * snapshot, and a preliminary open interest (7 higher) replaced before it.</li>
 * </ul>
 */
final class ChainTestData {

    static final String[] ENCODINGS = {"csv", "json"};

    private ChainTestData() {
    }

    static String definition(String encoding) {
        return TestResources.text("databento/options/" + encoding + "/definition." + extension(encoding));
    }

    static String statistics(String encoding) {
        return TestResources.text("databento/options/" + encoding + "/statistics." + extension(encoding));
    }

    static String quotes(String encoding) {
        return TestResources.text("databento/options/" + encoding + "/mbp-1." + extension(encoding));
    }

    static OptionsPayloads payloads(String encoding) {
        String prefix = "databento/options/" + encoding + "/";
        String extension = extension(encoding);
        return new OptionsPayloads(resource(prefix + "definition." + extension),
                resource(prefix + "statistics." + extension), resource(prefix + "mbp-1." + extension));
    }

    /** Responses given as text, for tests that change the recorded ones. */
    static OptionsPayloads payloads(String definitions, String statistics, String quotes) {
        return new OptionsPayloads(text("definition", definitions), text("statistics", statistics),
                text("mbp-1", quotes));
    }

    /** The chain as the pipeline's steps make it: parse as known at the snapshot, join, price. */
    static Batch<OptionRow> chain(OptionsPayloads payloads, LocalDate date, Instant snapshot) {
        return new ChainPricing(0.045).price(new ChainJoin().join(new ChainReader().read(payloads, snapshot),
                date.toString(), snapshot));
    }

    /** A time as Databento writes it without pretty_ts: nanoseconds since the epoch. */
    static String nanos(java.time.Instant time) {
        return String.valueOf(time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }

    private static PayloadSource resource(String name) {
        return text(name, TestResources.text(name));
    }

    private static PayloadSource text(String name, String payload) {
        return new PayloadSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public java.io.Reader open() {
                return new java.io.StringReader(payload);
            }
        };
    }

    private static String extension(String encoding) {
        return encoding.equals("csv") ? "csv" : "jsonl";
    }
}
