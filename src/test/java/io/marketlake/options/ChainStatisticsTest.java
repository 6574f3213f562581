package io.marketlake.options;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.Rejection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Which settlement and open interest the chain takes when statistics are published again, for another session,
 * corrected or deleted, and what becomes of statistics the chain has no instrument for. Each test adds
 * statistics records to the recorded chain's (ChainTestData), where the April 92 call has Friday's settlement
 * 3.861 (ts_ref 2026-02-13, published that evening).
 */
class ChainStatisticsTest {

    private static final LocalDate DATE = LocalDate.of(2026, 2, 17);
    private static final Instant SNAPSHOT = Instant.parse("2026-02-17T19:00:00Z");
    private static final long CALL_92 = 43000009;
    private static final Instant FRIDAY = Instant.parse("2026-02-13T00:00:00Z");
    private static final Instant MONDAY = Instant.parse("2026-02-16T00:00:00Z");
    private static final double FRIDAY_SETTLEMENT = 3.861;
    private static final String UNDEFINED_PRICE = String.valueOf(Long.MAX_VALUE);
    private static final int SETTLEMENT = 3;
    private static final int OPEN_INTEREST = 9;

    @Test
    void the_newest_session_settlement_wins_over_a_later_correction_of_an_older_session() {
        Batch<OptionRow> chain = chainWith(
                settlement("2026-02-17T11:00:00Z", MONDAY, 3.5),
                settlement("2026-02-17T12:30:00Z", FRIDAY, 3.9));

        assertThat(call92(chain).settlement()).isEqualTo(3.5);
    }

    @Test
    void within_a_session_the_last_settlement_published_by_the_snapshot_wins() {
        Batch<OptionRow> chain = chainWith(
                settlement("2026-02-17T11:00:00Z", MONDAY, 3.4),
                settlement("2026-02-17T12:00:00Z", MONDAY, 3.5),
                settlement("2026-02-17T19:30:00Z", MONDAY, 3.7));

        assertThat(call92(chain).settlement()).isEqualTo(3.5);
    }

    @Test
    void a_delete_of_the_newest_session_falls_back_to_the_session_before() {
        Batch<OptionRow> chain = chainWith(
                settlement("2026-02-17T11:00:00Z", MONDAY, 3.5),
                delete("2026-02-17T12:30:00Z", CALL_92, MONDAY, SETTLEMENT));

        assertThat(call92(chain).settlement()).isEqualTo(FRIDAY_SETTLEMENT);
    }

    @Test
    void a_delete_of_an_older_session_leaves_the_newest_settlement() {
        Batch<OptionRow> chain = chainWith(
                settlement("2026-02-17T11:00:00Z", MONDAY, 3.5),
                delete("2026-02-17T12:30:00Z", CALL_92, FRIDAY, SETTLEMENT));

        assertThat(call92(chain).settlement()).isEqualTo(3.5);
    }

    @Test
    void a_statistic_read_again_after_its_delete_stays_deleted() {
        String monday = settlement("2026-02-17T11:00:00Z", MONDAY, 3.5);

        Batch<OptionRow> chain = chainWith(monday, delete("2026-02-17T12:30:00Z", CALL_92, MONDAY, SETTLEMENT), monday);

        assertThat(call92(chain).settlement()).isEqualTo(FRIDAY_SETTLEMENT);
    }

    @Test
    void statistics_of_instruments_not_defined_today_are_not_rejected() {
        // an option that expired on Monday: its last open interest and settlement are still in the lookback
        Batch<OptionRow> chain = chainWith(
                openInterest("2026-02-16T12:00:00Z", 43999002, FRIDAY, 55),
                statistic("2026-02-16T20:30:00Z", 43999002, MONDAY, SETTLEMENT, "1250000000", UNDEFINED_PRICE, 1));

        // only the recorded quotes of the undefined 99999999 remain rejected
        assertThat(chain.rejections()).extracting(Rejection::detail).singleElement().asString().contains("99999999");
    }

    @Test
    void statistics_ignored_for_want_of_a_definition_are_noted_in_one_log_line() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(ChainReader.class);
        logs.start();
        logger.addAppender(logs);
        try {
            chainWith(
                    openInterest("2026-02-16T12:00:00Z", 43999003, FRIDAY, 40),
                    openInterest("2026-02-16T12:00:00Z", 43999002, FRIDAY, 55),
                    openInterest("2026-02-17T12:00:00Z", 43999002, MONDAY, 50));
        } finally {
            logger.detachAppender(logs);
        }

        assertThat(logs.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).contains("statistics of 2 instrument(s)")
                    .contains("43999002, 43999003");
        });
    }

    private static Batch<OptionRow> chainWith(String... statistics) {
        String recorded = ChainTestData.statistics("csv");
        String added = Arrays.stream(statistics).collect(Collectors.joining("\n", "", "\n"));
        return ChainTestData.chain(ChainTestData.payloads(ChainTestData.definition("csv"),
                recorded + added, ChainTestData.quotes("csv")), DATE, SNAPSHOT);
    }

    private static OptionRow call92(Batch<OptionRow> chain) {
        return chain.records().stream().filter(r -> r.instrumentId() == CALL_92).findFirst().orElseThrow();
    }

    private static String settlement(String tsRecv, Instant tsRef, double price) {
        String raw = new BigDecimal(String.valueOf(price)).movePointRight(9).toBigIntegerExact().toString();
        return statistic(tsRecv, CALL_92, tsRef, SETTLEMENT, raw, UNDEFINED_PRICE, 1);
    }

    private static String openInterest(String tsRecv, long instrumentId, Instant tsRef, long quantity) {
        return statistic(tsRecv, instrumentId, tsRef, OPEN_INTEREST, UNDEFINED_PRICE, String.valueOf(quantity), 1);
    }

    private static String delete(String tsRecv, long instrumentId, Instant tsRef, int statType) {
        return statistic(tsRecv, instrumentId, tsRef, statType, UNDEFINED_PRICE, UNDEFINED_PRICE, 2);
    }

    /** A statistics record in Databento's CSV without pretty_px and pretty_ts. */
    private static String statistic(String tsRecv, long instrumentId, Instant tsRef, int statType, String price,
            String quantity, int updateAction) {
        Instant received = Instant.parse(tsRecv);
        return String.join(",", ChainTestData.nanos(received), ChainTestData.nanos(received.minusNanos(1000)), "24",
                "1", String.valueOf(instrumentId), ChainTestData.nanos(tsRef), price, quantity, "2001", "1000",
                String.valueOf(statType), "0", String.valueOf(updateAction), "255");
    }
}
