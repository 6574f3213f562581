package io.marketlake.databento;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A book update read from an mbp-1, tbbo, bbo-1s or bbo-1m DBN record. It keeps every field of its record as a
 * primitive, so that reading millions of them makes one object each and nothing else, and writes its raw CSV line
 * from them only if it is ever rejected.
 */
final class DbnTopOfBook extends TopOfBook {

    private final long tsEvent;
    private final long price;
    private final int size;
    private final int tsInDelta;
    private final int sequence;
    private final int bidCount;
    private final int askCount;
    private final short publisherId;
    private final byte rtype;
    private final byte action;
    private final byte side;
    private final byte flags;
    private final byte depth;

    /** The record of {@link DbnLayout#BOOK_SIZE} bytes at {@code at} of {@code record}. */
    DbnTopOfBook(ByteBuffer record, int at) {
        super(record.getInt(at + DbnLayout.INSTRUMENT_ID) & 0xFFFFFFFFL, record.getLong(at + DbnLayout.BOOK_TS_RECV),
                record.getLong(at + DbnLayout.BOOK_BID_PX), record.getLong(at + DbnLayout.BOOK_ASK_PX),
                record.getInt(at + DbnLayout.BOOK_BID_SZ) & 0xFFFFFFFFL,
                record.getInt(at + DbnLayout.BOOK_ASK_SZ) & 0xFFFFFFFFL);
        this.tsEvent = record.getLong(at + DbnLayout.TS_EVENT);
        this.price = record.getLong(at + DbnLayout.BOOK_PRICE);
        this.size = record.getInt(at + DbnLayout.BOOK_SIZE_FIELD);
        this.tsInDelta = record.getInt(at + DbnLayout.BOOK_TS_IN_DELTA);
        this.sequence = record.getInt(at + DbnLayout.BOOK_SEQUENCE);
        this.bidCount = record.getInt(at + DbnLayout.BOOK_BID_CT);
        this.askCount = record.getInt(at + DbnLayout.BOOK_ASK_CT);
        this.publisherId = record.getShort(at + DbnLayout.PUBLISHER_ID);
        this.rtype = record.get(at + DbnLayout.RTYPE);
        this.action = record.get(at + DbnLayout.BOOK_ACTION);
        this.side = record.get(at + DbnLayout.BOOK_SIDE);
        this.flags = record.get(at + DbnLayout.BOOK_FLAGS);
        this.depth = record.get(at + DbnLayout.BOOK_DEPTH);
    }

    /** The record written back in its 80 bytes, then as raw CSV writes it. */
    @Override
    public String raw() {
        ByteBuffer record = ByteBuffer.allocate(DbnLayout.BOOK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        record.put(0, (byte) (DbnLayout.BOOK_SIZE / DbnLayout.LENGTH_UNIT));
        record.put(DbnLayout.RTYPE, rtype);
        record.putShort(DbnLayout.PUBLISHER_ID, publisherId);
        record.putInt(DbnLayout.INSTRUMENT_ID, (int) instrumentId());
        record.putLong(DbnLayout.TS_EVENT, tsEvent);
        record.putLong(DbnLayout.BOOK_PRICE, price);
        record.putInt(DbnLayout.BOOK_SIZE_FIELD, size);
        record.put(DbnLayout.BOOK_ACTION, action);
        record.put(DbnLayout.BOOK_SIDE, side);
        record.put(DbnLayout.BOOK_FLAGS, flags);
        record.put(DbnLayout.BOOK_DEPTH, depth);
        record.putLong(DbnLayout.BOOK_TS_RECV, tsRecvNanos());
        record.putInt(DbnLayout.BOOK_TS_IN_DELTA, tsInDelta);
        record.putInt(DbnLayout.BOOK_SEQUENCE, sequence);
        record.putLong(DbnLayout.BOOK_BID_PX, fixedBid());
        record.putLong(DbnLayout.BOOK_ASK_PX, fixedAsk());
        record.putInt(DbnLayout.BOOK_BID_SZ, (int) bidSize());
        record.putInt(DbnLayout.BOOK_ASK_SZ, (int) askSize());
        record.putInt(DbnLayout.BOOK_BID_CT, bidCount);
        record.putInt(DbnLayout.BOOK_ASK_CT, askCount);
        return DbnText.line(record, 0, DbnLayout.BOOK_SIZE);
    }
}
