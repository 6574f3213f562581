package io.marketlake.futures;

import io.marketlake.databento.OhlcvBar;
import io.marketlake.lake.LakeColumns;
import io.marketlake.lake.LakeTable;
import java.time.LocalDate;
import java.util.Comparator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** Daily bars of every instrument of a futures parent, outrights and spreads alike: lake data_type=futures. */
public final class FuturesLakeTable implements LakeTable<OhlcvBar> {

    public static final String DATA_TYPE = "futures";

    private static final Schema SCHEMA = LakeColumns.record("FuturesBar")
            .name("ts_event").doc("bar open, UTC").type(LakeColumns.timestamp()).noDefault()
            .name("instrument_id").type().longType().noDefault()
            .name("symbol").type(LakeColumns.optional(Schema.create(Schema.Type.STRING))).withDefault(null)
            .name("contract_type").doc("outright | spread | strategy | option | unknown").type().stringType().noDefault()
            .name("rtype").type().intType().noDefault()
            .name("publisher_id").type().intType().noDefault()
            .name("open").type().doubleType().noDefault()
            .name("high").type().doubleType().noDefault()
            .name("low").type().doubleType().noDefault()
            .name("close").type().doubleType().noDefault()
            .name("volume").type().longType().noDefault()
            .endRecord();

    @Override
    public String dataType() {
        return DATA_TYPE;
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public LocalDate tradingDate(OhlcvBar bar) {
        return bar.tradingDate();
    }

    @Override
    public Comparator<OhlcvBar> order() {
        return Comparator.comparing(OhlcvBar::symbol, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(OhlcvBar::instrumentId);
    }

    @Override
    public void fill(OhlcvBar bar, GenericData.Record record) {
        record.put("ts_event", LakeColumns.micros(bar.tsEvent()));
        record.put("instrument_id", bar.instrumentId());
        record.put("symbol", bar.symbol());
        record.put("contract_type", bar.contractType().label());
        record.put("rtype", bar.rtype());
        record.put("publisher_id", bar.publisherId());
        record.put("open", bar.open());
        record.put("high", bar.high());
        record.put("low", bar.low());
        record.put("close", bar.close());
        record.put("volume", bar.volume());
    }
}
