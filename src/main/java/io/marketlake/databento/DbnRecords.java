package io.marketlake.databento;

import com.github.luben.zstd.ZstdInputStream;
import io.marketlake.ingest.Rejection;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Streams a DBN response's records into records of one kind, the one way every schema reader does it for binary
 * responses, as {@link SchemaRecords} does for text: a record that cannot be read becomes an
 * {@code unreadable_record} rejection naming its place (record number and byte offset in the decoded response) and
 * the rest go on. Records of DBN v1 and v2 are upgraded to v3 first, as Databento's own decoder does.
 *
 * <p>A record is unreadable when its rtype is not one of the kind read (an ohlcv reader takes the bars of every
 * ohlcv schema: which one was asked for is the futures validator's {@code wrong_schema} rule), when it is shorter
 * than its type's record, when making the record or the consumer reading it fails, and when the response is cut
 * inside it. The text of a rejected record is the line Databento's raw CSV would give for it.
 */
public final class DbnRecords {

    private DbnRecords() {
    }

    /**
     * Reads {@code payload} (DBN, zstd-compressed or not) to its end; {@code where} prefixes each rejection's place
     * ("" or a file name and a space). The payload stays the caller's to close.
     *
     * @return the response's metadata
     * @throws MalformedPayloadException when the payload is no DBN response of this kind of record (an error body,
     *     a web page, text, another schema) or its header is broken: none of it is used
     */
    static <T> DbnMetadata read(InputStream payload, String where, Decoder<T> decoder, Consumer<? super T> records,
            List<Rejection> rejections) throws IOException {
        try (DbnStream stream = DbnStream.open(payload)) {
            DbnMetadata metadata = stream.metadata();
            if (metadata.schema() != null && !decoder.schemas().contains(metadata.schema())) {
                throw new MalformedPayloadException(where + "a " + metadata.describe() + " where " + decoder.kind()
                        + " (" + String.join(", ", decoder.schemas().stream().sorted().toList()) + ") was expected");
            }
            decoder.start(metadata);
            ByteBuffer buffer = stream.buffer();
            while (true) {
                DbnStream.Next next = stream.next();
                if (next == DbnStream.Next.RECORD) {
                    int at = stream.at();
                    int length = stream.length();
                    int rtype = buffer.get(at + DbnLayout.RTYPE) & 0xFF;
                    String problem = decoder.problem(rtype, length);
                    if (problem != null) {
                        reject(where, stream, DbnText.line(buffer, at, length), problem, rejections);
                        continue;
                    }
                    // what the consumer reads of the record counts too, as for text records
                    try {
                        records.accept(decoder.decode(buffer, at, length));
                    } catch (Refused refused) {
                        rejections.add(new Rejection(decoder.text(buffer, at, length), refused.rule,
                                where + "record " + stream.index() + " (byte " + stream.offset() + "): "
                                        + refused.getMessage()));
                    } catch (RuntimeException e) {
                        reject(where, stream, decoder.text(buffer, at, length), e.getMessage(), rejections);
                    }
                } else if (next == DbnStream.Next.END) {
                    return metadata;
                } else if (next == DbnStream.Next.CUT) {
                    cut(where, stream, rejections);
                    return metadata;
                } else {
                    reject(where, stream, DbnText.hex(buffer, stream.at(), stream.available()), "length byte "
                            + (buffer.get(stream.at()) & 0xFF) + " is shorter than a record header ("
                            + DbnLayout.HEADER_SIZE / DbnLayout.LENGTH_UNIT + " words): the rest of the response ("
                            + stream.available() + " bytes here) cannot be framed into records", rejections);
                    return metadata;
                }
            }
        }
    }

    /** Opens the source's bytes, reads them whole and closes them; rejections name the source. */
    static <T> DbnMetadata read(PayloadSource source, Decoder<T> decoder, Consumer<? super T> records,
            List<Rejection> rejections) {
        try (InputStream in = source.openStream()) {
            return read(in, source.name() + " ", decoder, records, rejections);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.name(), e);
        }
    }

    /**
     * Reads a response in whichever encoding it arrived, told by its first bytes ({@link PayloadEncoding}): DBN,
     * zstd-compressed DBN or text, or CSV or JSON lines.
     */
    static <T> void readAny(PayloadSource source, Decoder<T> decoder, Function<DatabentoRow, T> fromText,
            Consumer<? super T> records, List<Rejection> rejections) {
        try (InputStream in = source.openStream()) {
            readAny(in, source.name() + " ", decoder, fromText, records, rejections);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.name(), e);
        }
    }

    /**
     * Reads {@code payload} to its end in whichever encoding it arrived; {@code where} prefixes each rejection's
     * place ("" or a file name and a space). The payload stays the caller's to close.
     *
     * @throws MalformedPayloadException when it is empty or neither DBN of this kind of record nor Databento text
     */
    static <T> void readAny(InputStream payload, String where, Decoder<T> decoder, Function<DatabentoRow, T> fromText,
            Consumer<? super T> records, List<Rejection> rejections) throws IOException {
        BufferedInputStream bytes = new BufferedInputStream(payload, 1 << 16);
        PayloadEncoding encoding = PayloadEncoding.peek(bytes);
        boolean compressed = encoding == PayloadEncoding.ZSTD;
        if (compressed) {
            encoding = PayloadEncoding.peekInside(bytes);
        }
        if (encoding != PayloadEncoding.TEXT) {
            // DBN, compressed or not, and a frame too broken to tell: DBN's reader decompresses it itself, so a
            // response cut inside its frame keeps its whole records, and a broken one is refused as malformed
            read(bytes, where, decoder, records, rejections);
            return;
        }
        InputStream text = compressed ? new ZstdInputStream(new Unclosed(bytes)) : bytes;
        try {
            SchemaRecords.read(new InputStreamReader(text, StandardCharsets.UTF_8), where, fromText, records::accept,
                    rejections);
        } finally {
            if (compressed) {
                text.close();
            }
        }
    }

    /** The payload under a decompressor, which closes what it reads: the payload stays the caller's. */
    private static final class Unclosed extends java.io.FilterInputStream {
        Unclosed(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the payload is the caller's to close
        }
    }

    private static void reject(String where, DbnStream stream, String text, String problem,
            List<Rejection> rejections) {
        rejections.add(new Rejection(text, "unreadable_record", where + "record " + stream.index() + " (byte "
                + stream.offset() + "): " + problem));
    }

    private static void cut(String where, DbnStream stream, List<Rejection> rejections) {
        String problem = stream.problem();
        if (stream.available() == 0) {
            rejections.add(new Rejection("", "unreadable_record", where + "after record " + stream.index()
                    + " (byte " + stream.offset() + "): " + problem));
            return;
        }
        ByteBuffer buffer = stream.buffer();
        int size = (buffer.get(stream.at()) & 0xFF) * DbnLayout.LENGTH_UNIT;
        reject(where, stream, DbnText.hex(buffer, stream.at(), stream.available()), "cut: the response ends after "
                + stream.available() + " of the record's " + size + " bytes"
                + (problem == null ? "" : " (" + problem + ")"), rejections);
    }

    /**
     * A record that was read but breaks a rule of the response it came in, named by the rule (rather than
     * {@code unreadable_record}).
     */
    static final class Refused extends RuntimeException {
        final String rule;

        Refused(String rule, String detail) {
            super(detail, null, false, false);
            this.rule = rule;
        }
    }

    /** How the records of one kind are read from their bytes. */
    abstract static class Decoder<T> {
        /** The DBN version of the response being read. */
        int version = DbnLayout.VERSION;

        /** How messages name the kind of record read. */
        abstract String kind();

        /** The schemas whose responses hold this kind of record. */
        abstract Set<String> schemas();

        /** Whether records of {@code rtype} are of this kind (in a response of the schema started with). */
        abstract boolean reads(int rtype);

        /** The size of a record of {@code rtype} in the response's version. */
        abstract int size(int rtype);

        /** Makes the record of {@code length} bytes at {@code at}, of a type it reads and long enough. */
        abstract T decode(ByteBuffer record, int at, int length);

        void start(DbnMetadata metadata) {
            version = metadata.version();
        }

        /** Why a record cannot be read as one of this kind, or null. */
        final String problem(int rtype, int length) {
            if (!reads(rtype)) {
                return refusal(rtype);
            }
            int size = size(rtype);
            return length < size ? "a record of " + length + " bytes is shorter than " + kind() + " record of"
                    + " DBN v" + version + " (" + size + " bytes)" : null;
        }

        /** Why a record of a type not read is refused. */
        String refusal(int rtype) {
            return DbnLayout.rtypeName(rtype) + " is not " + kind();
        }

        /** The raw CSV line of a record of this kind, upgraded if it needs to be. */
        String text(ByteBuffer record, int at, int length) {
            return DbnText.line(record, at, length);
        }
    }

    /**
     * ohlcv-1s, -1m, -1h, -1d and -eod bars (OhlcvMsg, the same in every version).
     *
     * <p>With symbols mapped, a bar whose instrument the metadata's mappings do not name on its date is refused as
     * {@value #UNMAPPED}: a CSV or JSON response with map_symbols names every bar's contract, and without it the
     * futures pipeline could not tell an outright from a spread nor give its close a feature, and would quietly
     * compute the front month without it. It is a defect of the response (see BatchLedger), so the date is asked
     * again.
     */
    static final class Bars extends Decoder<OhlcvBar> {
        /** The rule of a bar whose instrument has no symbol in the response's mappings. */
        static final String UNMAPPED = "unmapped_symbol";
        private final boolean mapSymbols;
        private DbnMetadata.InstrumentSymbols symbols;

        /** @param mapSymbols whether bars get their symbol from the metadata's mappings (map_symbols of text) */
        Bars(boolean mapSymbols) {
            this.mapSymbols = mapSymbols;
        }

        @Override
        String kind() {
            return "an ohlcv bar";
        }

        @Override
        Set<String> schemas() {
            return Set.of("ohlcv-1s", "ohlcv-1m", "ohlcv-1h", "ohlcv-1d", "ohlcv-eod");
        }

        @Override
        void start(DbnMetadata metadata) {
            super.start(metadata);
            symbols = mapSymbols ? metadata.instrumentSymbols() : null;
        }

        @Override
        boolean reads(int rtype) {
            return DbnLayout.isOhlcv(rtype);
        }

        @Override
        int size(int rtype) {
            return DbnLayout.OHLCV_SIZE;
        }

        @Override
        OhlcvBar decode(ByteBuffer record, int at, int length) {
            long tsEvent = record.getLong(at + DbnLayout.TS_EVENT);
            long instrumentId = record.getInt(at + DbnLayout.INSTRUMENT_ID) & 0xFFFFFFFFL;
            long volume = record.getLong(at + DbnLayout.OHLCV_VOLUME);
            if (volume < 0) {
                throw new IllegalArgumentException("volume out of range (int64): " + Long.toUnsignedString(volume));
            }
            Instant open = DatabentoValues.timestamp(tsEvent);
            String symbol = symbols == null ? null : symbols.at(instrumentId, tsEvent);
            if (symbols != null && symbol == null && open != null) {
                throw new Refused(UNMAPPED, "instrument " + instrumentId + " at " + open + ": the response's symbol"
                        + " mappings name no symbol for it on " + LocalDate.ofInstant(open, ZoneOffset.UTC)
                        + " (a CSV or JSON response would name its contract)");
            }
            byte[] bytes = new byte[DbnLayout.OHLCV_SIZE];
            record.get(at, bytes);
            bytes[0] = (byte) (DbnLayout.OHLCV_SIZE / DbnLayout.LENGTH_UNIT);
            return OhlcvReader.bar(
                    open,
                    record.get(at + DbnLayout.RTYPE) & 0xFF,
                    record.getShort(at + DbnLayout.PUBLISHER_ID) & 0xFFFF,
                    instrumentId,
                    symbol,
                    DatabentoValues.price(record.getLong(at + DbnLayout.OHLCV_OPEN)),
                    DatabentoValues.price(record.getLong(at + DbnLayout.OHLCV_HIGH)),
                    DatabentoValues.price(record.getLong(at + DbnLayout.OHLCV_LOW)),
                    DatabentoValues.price(record.getLong(at + DbnLayout.OHLCV_CLOSE)),
                    volume,
                    new DbnRecordText(bytes));
        }
    }

    /** mbp-1, tbbo, bbo-1s and bbo-1m book updates (Mbp1Msg, BboMsg: the same in every version). */
    static final class Books extends Decoder<TopOfBook> {
        private int only = -1;
        private String schema;

        @Override
        String kind() {
            return "a top-of-book update";
        }

        @Override
        Set<String> schemas() {
            return Set.of("mbp-1", "tbbo", "bbo-1s", "bbo-1m");
        }

        /** A response of one schema holds that schema's records only: no validator looks at a quote's rtype. */
        @Override
        void start(DbnMetadata metadata) {
            super.start(metadata);
            schema = metadata.schema();
            only = metadata.schema() == null ? -1 : switch (metadata.schema()) {
                case "bbo-1s" -> DbnLayout.BBO_1S;
                case "bbo-1m" -> DbnLayout.BBO_1M;
                default -> DbnLayout.MBP_1;
            };
        }

        @Override
        boolean reads(int rtype) {
            return only >= 0 ? rtype == only : DbnLayout.isBook(rtype);
        }

        @Override
        String refusal(int rtype) {
            return schema == null || !DbnLayout.isBook(rtype) ? super.refusal(rtype)
                    : DbnLayout.rtypeName(rtype) + " in an " + schema + " response";
        }

        @Override
        int size(int rtype) {
            return DbnLayout.BOOK_SIZE;
        }

        @Override
        TopOfBook decode(ByteBuffer record, int at, int length) {
            return new DbnTopOfBook(record, at);
        }
    }

    /** statistics (StatMsg; v1 and v2 records, with an i32 quantity, are upgraded to v3's). */
    static final class Statistics extends Decoder<Statistic> {
        @Override
        String kind() {
            return "a statistic";
        }

        @Override
        Set<String> schemas() {
            return Set.of("statistics");
        }

        @Override
        boolean reads(int rtype) {
            return rtype == DbnLayout.STATISTICS;
        }

        @Override
        int size(int rtype) {
            return version < 3 ? DbnLayout.STAT_V1_SIZE : DbnLayout.STAT_SIZE;
        }

        @Override
        Statistic decode(ByteBuffer record, int at, int length) {
            return new DbnStatistic(v3(record, at));
        }

        @Override
        String text(ByteBuffer record, int at, int length) {
            return DbnText.line(v3(record, at));
        }

        private byte[] v3(ByteBuffer record, int at) {
            byte[] bytes = new byte[DbnLayout.STAT_SIZE];
            if (version >= 3) {
                record.get(at, bytes);
            } else {
                // dbn's From<&v1::StatMsg> for StatMsg: quantity widens, an unset one (i32 max) stays unset
                ByteBuffer v3 = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                record.get(at, bytes, 0, DbnLayout.STAT_QUANTITY);
                int quantity = record.getInt(at + DbnLayout.STAT_V1_QUANTITY);
                v3.putLong(DbnLayout.STAT_QUANTITY, quantity == DbnLayout.UNDEF_STAT_QUANTITY_V1 ? Long.MAX_VALUE
                        : quantity);
                v3.putInt(DbnLayout.STAT_SEQUENCE, record.getInt(at + DbnLayout.STAT_V1_SEQUENCE));
                v3.putInt(DbnLayout.STAT_TS_IN_DELTA, record.getInt(at + DbnLayout.STAT_V1_TS_IN_DELTA));
                v3.putShort(DbnLayout.STAT_TYPE, record.getShort(at + DbnLayout.STAT_V1_TYPE));
                v3.putShort(DbnLayout.STAT_CHANNEL_ID, record.getShort(at + DbnLayout.STAT_V1_CHANNEL_ID));
                v3.put(DbnLayout.STAT_UPDATE_ACTION, record.get(at + DbnLayout.STAT_V1_UPDATE_ACTION));
                v3.put(DbnLayout.STAT_FLAGS, record.get(at + DbnLayout.STAT_V1_FLAGS));
            }
            bytes[0] = (byte) (DbnLayout.STAT_SIZE / DbnLayout.LENGTH_UNIT);
            return bytes;
        }
    }

    /** definition (InstrumentDefMsg; v1 and v2 records are upgraded to v3's, see {@link DbnDefinitionLayout}). */
    static final class Definitions extends Decoder<InstrumentDefinition> {
        @Override
        String kind() {
            return "an instrument definition";
        }

        @Override
        Set<String> schemas() {
            return Set.of("definition");
        }

        @Override
        boolean reads(int rtype) {
            return rtype == DbnLayout.INSTRUMENT_DEF;
        }

        @Override
        int size(int rtype) {
            return version == 1 ? DbnLayout.DEF_V1_SIZE : version == 2 ? DbnLayout.DEF_V2_SIZE : DbnLayout.DEF_SIZE;
        }

        @Override
        InstrumentDefinition decode(ByteBuffer record, int at, int length) {
            byte[] bytes = v3(record, at);
            ByteBuffer v3 = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int instrumentClass = v3.get(DbnDefinitionLayout.INSTRUMENT_CLASS) & 0xFF;
            return InstrumentDefinition.of(
                    v3.getInt(DbnLayout.INSTRUMENT_ID) & 0xFFFFFFFFL,
                    DbnColumn.text(v3, DbnDefinitionLayout.RAW_SYMBOL, DbnDefinitionLayout.RAW_SYMBOL_LENGTH),
                    instrumentClass == 0 ? "" : String.valueOf((char) instrumentClass),
                    DatabentoValues.price(v3.getLong(DbnDefinitionLayout.STRIKE_PRICE)),
                    DatabentoValues.timestamp(v3.getLong(DbnDefinitionLayout.EXPIRATION)),
                    DbnColumn.text(v3, DbnDefinitionLayout.UNDERLYING, DbnDefinitionLayout.UNDERLYING_LENGTH),
                    v3.getInt(DbnDefinitionLayout.UNDERLYING_ID) & 0xFFFFFFFFL,
                    DatabentoValues.timestamp(v3.getLong(DbnDefinitionLayout.TS_RECV)),
                    new DbnRecordText(bytes));
        }

        @Override
        String text(ByteBuffer record, int at, int length) {
            return DbnText.line(v3(record, at));
        }

        private byte[] v3(ByteBuffer record, int at) {
            ByteBuffer v3 = DbnDefinitionLayout.buffer();
            if (version >= 3) {
                record.get(at, v3.array(), 0, DbnLayout.DEF_SIZE);
                v3.put(0, (byte) (DbnLayout.DEF_SIZE / DbnLayout.LENGTH_UNIT));
            } else {
                DbnDefinitionLayout.upgrade(version, record, at, v3);
            }
            return v3.array();
        }
    }
}
