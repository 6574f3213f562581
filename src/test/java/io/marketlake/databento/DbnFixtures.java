package io.marketlake.databento;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.marketlake.TestResources;
import io.marketlake.ingest.Rejection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Databento's own DBN v3 test files (src/test/resources/databento/dbn, see SOURCES.txt there) and the text the same
 * records are in, with what the readers make of them.
 */
final class DbnFixtures {

    /** What a reader made of a payload. */
    record Read<T>(List<T> records, List<Rejection> rejections, DbnMetadata metadata) {
    }

    private DbnFixtures() {
    }

    /** test_data.{schema}.dbn.zst as received: a zstd frame. */
    static byte[] zst(String schema) {
        return bytes("databento/dbn/test_data." + schema + ".dbn.zst");
    }

    /** The same response uncompressed. */
    static byte[] dbn(String schema) {
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(zst(schema)))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] zstd(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream zstd = new ZstdOutputStream(out)) {
            zstd.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Where the records start in an uncompressed DBN response: after "DBN", its version, length and metadata. */
    static int recordsStart(byte[] dbn) {
        return 8 + ByteBuffer.wrap(dbn).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
    }

    static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] bytes(String resource) {
        try (InputStream in = DbnFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recorded text payload as the readers take it. */
    static PayloadSource text(String resource) {
        String payload = TestResources.text(resource);
        return new PayloadSource() {
            @Override
            public String name() {
                return resource.substring(resource.lastIndexOf('/') + 1);
            }

            @Override
            public Reader open() {
                return new StringReader(payload);
            }
        };
    }

    /** Bytes as a source, as a landed response is. */
    static PayloadSource binary(String name, byte[] payload) {
        return new PayloadSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Reader open() {
                throw new UnsupportedOperationException("binary");
            }

            @Override
            public InputStream openStream() {
                return new ByteArrayInputStream(payload);
            }
        };
    }

    /** The raw CSV lines of a recorded text payload, header left out. */
    static List<String> csvLines(String resource) {
        List<String> lines = new ArrayList<>(TestResources.text(resource).lines().toList());
        return lines.subList(1, lines.size());
    }

    static Read<OhlcvBar> bars(byte[] payload, boolean mapSymbols) {
        List<OhlcvBar> bars = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        DbnMetadata metadata = io(() -> OhlcvReader.readDbn(new ByteArrayInputStream(payload), "", mapSymbols,
                bars::add, rejections));
        return new Read<>(bars, rejections, metadata);
    }

    static Read<TopOfBook> books(byte[] payload) {
        List<TopOfBook> books = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        DbnMetadata metadata = io(() -> TopOfBookReader.readDbn(new ByteArrayInputStream(payload), "", books::add,
                rejections));
        return new Read<>(books, rejections, metadata);
    }

    static Read<Statistic> statistics(byte[] payload) {
        List<Statistic> statistics = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        DbnMetadata metadata = io(() -> StatisticsReader.readDbn(new ByteArrayInputStream(payload), "",
                statistics::add, rejections));
        return new Read<>(statistics, rejections, metadata);
    }

    static Read<InstrumentDefinition> definitions(byte[] payload) {
        List<InstrumentDefinition> definitions = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        DbnMetadata metadata = io(() -> DefinitionReader.readDbn(new ByteArrayInputStream(payload), "",
                definitions::add, rejections));
        return new Read<>(definitions, rejections, metadata);
    }

    /** Everything a statistic says, as its accessors give it. */
    static List<Object> values(Statistic s) {
        return java.util.Arrays.asList(s.statType(), s.instrumentId(), s.tsRecv(), s.tsRef(), s.deleted(), s.price(),
                s.quantity());
    }

    /** Everything a definition says, without its text. */
    static List<Object> values(InstrumentDefinition d) {
        return java.util.Arrays.asList(d.instrumentId(), d.symbol(), d.instrumentClass(), d.strike(), d.expiration(),
                d.underlying(), d.underlyingId(), d.tsRecv());
    }

    interface Io<T> {
        T get() throws IOException;
    }

    static <T> T io(Io<T> read) {
        try {
            return read.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
