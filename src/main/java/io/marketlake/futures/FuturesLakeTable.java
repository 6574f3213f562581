package io.marketlake.futures;

import io.marketlake.databento.OhlcvBar;
import io.marketlake.lake.LakeColumn;
import io.marketlake.lake.LakeTable;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Bars of every instrument of a futures parent, outrights and spreads alike, one table per bar schema: lake
 * data_type=futures (daily), futures_1h, futures_1m, futures_1s. The columns are the same in all.
 */
public final class FuturesLakeTable extends LakeTable<OhlcvBar> {

    public static final String DATA_TYPE = BarSchema.OHLCV_1D.dataType();

    private static final List<LakeColumn<OhlcvBar>> COLUMNS = List.of(
            LakeColumn.ofTimestamp("ts_event", OhlcvBar::tsEvent).doc("bar open, UTC"),
            LakeColumn.ofLong("instrument_id", OhlcvBar::instrumentId),
            LakeColumn.ofString("symbol", OhlcvBar::symbol).optional(),
            LakeColumn.ofString("contract_type", (OhlcvBar bar) -> bar.contractType().label())
                    .doc("outright | spread | strategy | option | unknown"),
            LakeColumn.ofInt("rtype", OhlcvBar::rtype),
            LakeColumn.ofInt("publisher_id", OhlcvBar::publisherId),
            LakeColumn.ofDouble("open", OhlcvBar::open),
            LakeColumn.ofDouble("high", OhlcvBar::high),
            LakeColumn.ofDouble("low", OhlcvBar::low),
            LakeColumn.ofDouble("close", OhlcvBar::close),
            LakeColumn.ofLong("volume", OhlcvBar::volume));

    public FuturesLakeTable() {
        this(BarSchema.OHLCV_1D);
    }

    public FuturesLakeTable(BarSchema bars) {
        super(bars.dataType(), "FuturesBar", COLUMNS);
    }

    @Override
    public LocalDate tradingDate(OhlcvBar bar) {
        return bar.tradingDate();
    }

    @Override
    public long epochDay(OhlcvBar bar) {
        return Math.floorDiv(bar.tsEvent().getEpochSecond(), 86_400L);
    }

    @Override
    public Comparator<OhlcvBar> order() {
        return Comparator.comparing(OhlcvBar::symbol, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(OhlcvBar::instrumentId);
    }
}
