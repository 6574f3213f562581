package io.marketlake.bench;

import io.marketlake.Timestamps;
import io.marketlake.databento.ContractType;
import io.marketlake.databento.OhlcvBar;
import io.marketlake.futures.FuturesLakeTable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Daily bars of one busy futures parent over 24 months (2024–2025, weekdays), deterministic: what Databento's
 * parent symbology returns for three-month SOFR ({@code SR3.FUT}), the CME parent with the most instruments a day:
 * 36 quarterly outrights, all their calendar spreads, exchange strategies (butterflies, condors, packs, bundles) and
 * the day's user-defined strategies, which make up most of the rows. Prices are 100 − rate on the 0.0025 tick.
 *
 * <p>Every 25th trading date is ingested twice (a second, newer batch of the whole date with a corrected volume),
 * as a re-ingest after a vendor correction leaves it: the lake holds both, readers answer from the newer.
 */
final class BenchBars {

    static final String MARKET = "SR3";
    static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    static final LocalDate LAST = LocalDate.of(2025, 12, 31);
    /** The lake's ingested_at for every batch: one instant, so both engines store the same value. */
    static final Instant INGESTED_AT = Instant.parse("2026-01-05T02:30:00Z");

    private static final int OUTRIGHTS = 36;
    private static final String QUARTER_CODES = "HMUZ";
    private static final double TICKS_PER_POINT = 400; // 0.0025
    private static final FuturesLakeTable TABLE = new FuturesLakeTable();

    private BenchBars() {
    }

    /** One batch of the lake: all bars of {@code date}; {@code version} 1 is the re-ingest of a date. */
    record Batch(int day, LocalDate date, int version, String batchId, int rows) {
    }

    /** The batches that together hold exactly {@code totalRows} bars, in the order an ingest would write them. */
    static List<Batch> batches(long totalRows) {
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                dates.add(d);
            }
        }
        int[] versions = new int[dates.size()];
        long batchCount = 0;
        for (int i = 0; i < dates.size(); i++) {
            versions[i] = reingested(i) ? 2 : 1;
            batchCount += versions[i];
        }
        int base = (int) (totalRows / batchCount);
        long left = totalRows - (long) base * batchCount;
        int[] rows = new int[dates.size()];
        java.util.Arrays.fill(rows, base);
        // the rows that do not divide evenly: one more for some dates, those ingested twice first (two rows each)
        for (int pass = 2; pass >= 1; pass--) {
            for (int i = 0; i < dates.size() && left >= pass; i++) {
                if (versions[i] == pass) {
                    rows[i]++;
                    left -= pass;
                }
            }
        }
        if (left != 0 || base < minimumRows()) {
            throw new IllegalArgumentException(totalRows + " rows do not spread over " + batchCount + " batches");
        }
        List<Batch> batches = new ArrayList<>();
        Random ids = new Random(13);
        for (int i = 0; i < dates.size(); i++) {
            for (int v = 0; v < versions[i]; v++) {
                // ingested after the UTC day ended (the daily trigger), a re-ingest three days later
                Instant ingested = dates.get(i).plusDays(1 + 3L * v).atTime(LocalTime.of(2, 30)).toInstant(ZoneOffset.UTC);
                String batchId = Timestamps.COMPACT.format(ingested) + "-"
                        + HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(4).putInt(ids.nextInt()).array());
                batches.add(new Batch(i, dates.get(i), v, batchId, rows[i]));
            }
        }
        return batches;
    }

    private static boolean reingested(int day) {
        return day % 25 == 12;
    }

    /** The exchange-listed instruments of a day; user-defined strategies fill the rest. */
    private static int minimumRows() {
        return OUTRIGHTS + OUTRIGHTS * (OUTRIGHTS - 1) / 2 + 200;
    }

    /** The bars of a batch, sorted as the lake table orders a partition (symbol, instrument). */
    static List<OhlcvBar> bars(Batch batch) {
        Random random = new Random(batch.date().toEpochDay() * 31 + 7);
        Instant open = batch.date().atStartOfDay().toInstant(ZoneOffset.UTC);
        List<OhlcvBar> bars = new ArrayList<>(batch.rows());
        // outrights: the next 36 quarterly months, 100 - rate with a falling front and an upward-sloping back
        YearMonth front = YearMonth.from(batch.date());
        while (front.getMonthValue() % 3 != 0) {
            front = front.plusMonths(1);
        }
        String[] months = new String[OUTRIGHTS];
        long[] ticks = new long[OUTRIGHTS];
        double rate = 5.30 - 0.0018 * batch.day();
        for (int k = 0; k < OUTRIGHTS; k++) {
            YearMonth month = front.plusMonths(3L * k);
            months[k] = QUARTER_CODES.charAt(month.getMonthValue() / 3 - 1) + String.valueOf(month.getYear() % 10);
            double contractRate = rate - 0.12 * Math.min(k, 8) + 0.02 * Math.max(0, k - 8) + random.nextGaussian() * 0.01;
            ticks[k] = Math.round((100 - contractRate) * TICKS_PER_POINT);
            bars.add(bar(open, "SR3" + months[k], ContractType.OUTRIGHT, ticks[k],
                    1 + random.nextInt(400_000 / (k + 1)), random));
        }
        for (int i = 0; i < OUTRIGHTS; i++) {
            for (int j = i + 1; j < OUTRIGHTS; j++) {
                bars.add(bar(open, "SR3" + months[i] + "-SR3" + months[j], ContractType.SPREAD, ticks[i] - ticks[j],
                        1 + random.nextInt(5_000), random));
            }
        }
        List<OhlcvBar> strategies = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            for (int i = 0; i + 2 * k < OUTRIGHTS; i++) {
                strategies.add(bar(open, "SR3:BF " + months[i] + "-" + months[i + k] + "-" + months[i + 2 * k],
                        ContractType.STRATEGY, ticks[i] - 2 * ticks[i + k] + ticks[i + 2 * k], 1 + random.nextInt(2_000),
                        random));
            }
        }
        for (int i = 0; i + 3 < OUTRIGHTS; i++) {
            strategies.add(bar(open, "SR3:CF " + months[i] + "-" + months[i + 1] + "-" + months[i + 2] + "-"
                    + months[i + 3], ContractType.STRATEGY, ticks[i] - ticks[i + 1] - ticks[i + 2] + ticks[i + 3],
                    1 + random.nextInt(2_000), random));
        }
        for (int i = 0; i + 3 < OUTRIGHTS; i += 4) {
            strategies.add(bar(open, "SR3:PK " + months[i] + "-" + months[i + 3], ContractType.STRATEGY,
                    (ticks[i] + ticks[i + 1] + ticks[i + 2] + ticks[i + 3]) / 4, 1 + random.nextInt(1_000), random));
            if (i + 7 < OUTRIGHTS) {
                strategies.add(bar(open, "SR3:BD " + months[i] + "-" + months[i + 7], ContractType.STRATEGY,
                        (ticks[i] + ticks[i + 7]) / 2, 1 + random.nextInt(1_000), random));
            }
        }
        bars.addAll(strategies.subList(0, Math.min(strategies.size(), batch.rows() - bars.size())));
        // user-defined strategies: created by traders, new ones every day
        String[] kinds = {"VT", "GN", "IC", "BX", "FS"};
        for (int n = 0; bars.size() < batch.rows(); n++) {
            long id = 3_000_000L + batch.day() * 20_000L + n;
            bars.add(bar(open, "UD:1V: " + kinds[random.nextInt(kinds.length)] + " " + id, ContractType.STRATEGY,
                    random.nextInt(401) - 200, 1 + random.nextInt(300), random));
        }
        if (batch.version() > 0) {
            // the vendor's correction: some volumes changed, the rest of the date sent again unchanged
            for (int i = 0; i < bars.size(); i += 50) {
                OhlcvBar b = bars.get(i);
                bars.set(i, new OhlcvBar(b.tsEvent(), b.rtype(), b.publisherId(), b.instrumentId(), b.symbol(),
                        b.contractType(), b.open(), b.high(), b.low(), b.close(), b.volume() + 1, b.raw()));
            }
        }
        bars.sort(TABLE.order());
        return bars;
    }

    private static OhlcvBar bar(Instant open, String symbol, ContractType type, long closeTicks, long volume,
            Random random) {
        long openTicks = closeTicks + random.nextInt(9) - 4;
        long high = Math.max(openTicks, closeTicks) + random.nextInt(4);
        long low = Math.min(openTicks, closeTicks) - random.nextInt(4);
        // an instrument id that stays with the symbol from day to day, as the exchange's security id does
        long instrumentId = 100_000L + Math.floorMod(symbol.hashCode(), 40_000_000);
        return new OhlcvBar(open, 35, 1, instrumentId, symbol, type, price(openTicks), price(high), price(low),
                price(closeTicks), volume, "");
    }

    private static Double price(long ticks) {
        return ticks / TICKS_PER_POINT;
    }
}
