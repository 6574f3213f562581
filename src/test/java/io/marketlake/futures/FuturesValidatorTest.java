package io.marketlake.futures;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.TestResources;
import io.marketlake.databento.OhlcvBar;
import io.marketlake.databento.OhlcvReader;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.Rejection;
import org.junit.jupiter.api.Test;

class FuturesValidatorTest {

    private final Batch<OhlcvBar> batch = new FuturesValidator().validate(
            new OhlcvReader().read(TestResources.text("databento/HE.FUT-ohlcv-1d-2026-02-17-bad-records.csv")),
            "2026-02-17", null);
    private static final String HEADER = "ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n";
    private static final String HEJ6_TUE = "1771286400000000000,35,1,1,91500000000,92000000000,91000000000,91500000000,5,HEJ6";

    @Test
    void good_records_of_a_payload_pass_beside_bad_ones() {
        assertThat(batch.records()).extracting(OhlcvBar::symbol).containsExactly("HEJ6", "HEK6", "HEJ6-HEK6");
    }

    @Test
    void each_rejection_names_the_record_and_the_rule() {
        assertThat(batch.rejections()).extracting(Rejection::rule).containsExactlyInAnyOrder(
                "unreadable_record", "high_below_low", "undefined_price", "non_positive_price");
        assertThat(batch.rejections()).filteredOn(r -> r.rule().equals("high_below_low")).singleElement()
                .satisfies(r -> {
                    assertThat(r.detail()).contains("instrument 42140104 HEM6").contains("high 103.3 < low 103.375");
                    assertThat(r.record()).startsWith("1771286400000000000,35,1,42140104,");
                });
    }

    @Test
    void spreads_may_trade_at_negative_prices_outrights_may_not() {
        assertThat(batch.records()).filteredOn(b -> b.symbol().equals("HEJ6-HEK6")).singleElement()
                .satisfies(b -> assertThat(b.close()).isEqualTo(-5.375));
        assertThat(batch.rejections()).filteredOn(r -> r.rule().equals("non_positive_price")).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("HEQ6"));
    }

    @Test
    void open_and_close_must_lie_within_the_range() {
        OhlcvBar bar = new OhlcvReader().read("ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n"
                + "1771286400000000000,35,1,1,90000000000,92000000000,91000000000,91500000000,5,HEJ6\n"
                + "1771286400000000000,35,1,2,91500000000,92000000000,91000000000,93000000000,5,HEK6\n"
                + "1771286400000000000,35,1,3,91500000000,92000000000,91000000000,91500000000,-5,HEM6\n").records().get(0);
        assertThat(FuturesValidator.check(bar).rule()).isEqualTo("open_outside_range");
        Batch<OhlcvBar> all = new FuturesValidator().validate(new OhlcvReader().read(
                "ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n"
                        + "1771286400000000000,35,1,2,91500000000,92000000000,91000000000,93000000000,5,HEK6\n"
                        + "1771286400000000000,35,1,3,91500000000,92000000000,91000000000,91500000000,-5,HEM6\n"),
                "2026-02-17", null);
        assertThat(all.rejections()).extracting(Rejection::rule)
                .containsExactly("close_outside_range", "negative_volume");
    }

    @Test
    void a_bar_repeated_in_a_response_is_kept_once_and_the_repeat_quarantined() {
        Batch<OhlcvBar> checked = new FuturesValidator().validate(
                new OhlcvReader().read(HEADER + HEJ6_TUE + "\n" + HEJ6_TUE + "\n"), "2026-02-17", null);

        assertThat(checked.records()).singleElement().satisfies(b -> assertThat(b.symbol()).isEqualTo("HEJ6"));
        assertThat(checked.rejections()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo("duplicate_record");
            assertThat(r.record()).isEqualTo(HEJ6_TUE);
        });
    }

    @Test
    void two_different_bars_for_one_instrument_and_time_are_both_refused() {
        String other = HEJ6_TUE.replace(",91500000000,5,HEJ6", ",91600000000,5,HEJ6");
        Batch<OhlcvBar> checked = new FuturesValidator().validate(
                new OhlcvReader().read(HEADER + HEJ6_TUE + "\n" + other + "\n"), "2026-02-17", null);

        assertThat(checked.records()).isEmpty();
        assertThat(checked.rejections()).extracting(Rejection::rule).containsExactly("conflicting_records",
                "conflicting_records");
    }

    @Test
    void a_bar_of_another_date_than_the_one_asked_for_is_refused() {
        String wednesday = HEJ6_TUE.replace("1771286400000000000", "1771372800000000000");
        Batch<OhlcvBar> checked = new FuturesValidator().validate(
                new OhlcvReader().read(HEADER + HEJ6_TUE + "\n" + wednesday + "\n"), "2026-02-17", null);

        assertThat(checked.records()).extracting(OhlcvBar::tradingDate).containsExactly(java.time.LocalDate.of(2026, 2, 17));
        assertThat(checked.rejections()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo("outside_requested_range");
            assertThat(r.detail()).contains("2026-02-18").contains("2026-02-17");
        });
    }

    @Test
    void minute_bars_must_be_minute_bars_on_the_minute() {
        String minute = "1771286460000000000,33,1,1,91500000000,92000000000,91000000000,91500000000,5,HEJ6";
        String daily = "1771286400000000000,35,1,2,91500000000,92000000000,91000000000,91500000000,5,HEK6";
        String offGrid = "1771286490000000000,33,1,3,91500000000,92000000000,91000000000,91500000000,5,HEM6";
        Batch<OhlcvBar> checked = new FuturesValidator().validate(
                new OhlcvReader().read(HEADER + minute + "\n" + daily + "\n" + offGrid + "\n"), "2026-02-17", "ohlcv-1m");

        assertThat(checked.records()).extracting(OhlcvBar::symbol).containsExactly("HEJ6");
        assertThat(checked.rejections()).extracting(Rejection::rule).containsExactly("wrong_schema", "off_bar_boundary");
        assertThat(checked.rejections().get(0).detail()).contains("HEK6").contains("rtype 35").contains("ohlcv-1m");
        assertThat(checked.rejections().get(1).detail()).contains("HEM6").contains("2026-02-17T00:01:30Z");
    }

    @Test
    void a_daily_bar_must_open_at_midnight_utc() {
        String noon = HEJ6_TUE.replace("1771286400000000000", "1771329600000000000");
        Batch<OhlcvBar> checked = new FuturesValidator().validate(new OhlcvReader().read(HEADER + noon + "\n"),
                "2026-02-17", "ohlcv-1d");

        assertThat(checked.records()).isEmpty();
        assertThat(checked.rejections()).extracting(Rejection::rule).containsExactly("off_bar_boundary");
    }
}
