package io.marketlake.databento;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/** A statistic read from a DBN record (upgraded to v3's layout), its fields read from its bytes when asked for. */
final class DbnStatistic extends Statistic {

    private final byte[] bytes;
    private final ByteBuffer record;

    DbnStatistic(byte[] bytes) {
        this.bytes = bytes;
        this.record = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public int statType() {
        return record.getShort(DbnLayout.STAT_TYPE) & 0xFFFF;
    }

    @Override
    public long instrumentId() {
        return record.getInt(DbnLayout.INSTRUMENT_ID) & 0xFFFFFFFFL;
    }

    @Override
    public Instant tsRef() {
        return DatabentoValues.timestamp(record.getLong(DbnLayout.STAT_TS_REF));
    }

    @Override
    public Double price() {
        return DatabentoValues.price(record.getLong(DbnLayout.STAT_PRICE));
    }

    @Override
    public Long quantity() {
        return DatabentoValues.quantity(record.getLong(DbnLayout.STAT_QUANTITY));
    }

    @Override
    public String raw() {
        return DbnText.line(bytes);
    }

    @Override
    Instant readTsRecv() {
        return DatabentoValues.timestamp(record.getLong(DbnLayout.STAT_TS_RECV));
    }

    @Override
    long updateAction() {
        return record.get(DbnLayout.STAT_UPDATE_ACTION) & 0xFF;
    }
}
