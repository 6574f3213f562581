package io.marketlake.databento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlake.ingest.Rejection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the DBN readers do with responses that are not whole, not of their schema, or not DBN at all. */
class DbnRecordsTest {

    private static final int BOOK = 80;

    // uncompressed and compressed

    @ParameterizedTest
    @ValueSource(strings = {"ohlcv-1d", "ohlcv-1s", "mbp-1", "statistics", "definition"})
    void an_uncompressed_response_reads_as_its_zstd_compressed_one(String schema) {
        byte[] raw = DbnFixtures.dbn(schema);
        byte[] zst = DbnFixtures.zst(schema);

        switch (schema) {
            case "mbp-1" -> assertThat(DbnFixtures.books(raw).records())
                    .containsExactlyElementsOf(DbnFixtures.books(zst).records());
            case "statistics" -> assertThat(DbnFixtures.statistics(raw).records()).map(DbnFixtures::values)
                    .containsExactlyElementsOf(DbnFixtures.statistics(zst).records().stream()
                            .map(DbnFixtures::values).toList());
            case "definition" -> assertThat(DbnFixtures.definitions(raw).records())
                    .containsExactlyElementsOf(DbnFixtures.definitions(zst).records());
            default -> assertThat(DbnFixtures.bars(raw, true).records())
                    .containsExactlyElementsOf(DbnFixtures.bars(zst, true).records());
        }
    }

    // cut responses

    @Test
    void a_response_cut_inside_a_record_keeps_the_records_before_and_rejects_the_cut_one_by_place() {
        byte[] whole = DbnFixtures.dbn("mbp-1");
        int start = DbnFixtures.recordsStart(whole);
        byte[] cut = Arrays.copyOf(whole, start + 2 * BOOK + 40);

        DbnFixtures.Read<TopOfBook> read = DbnFixtures.books(cut);

        assertThat(read.records()).containsExactlyElementsOf(
                DbnFixtures.books(whole).records().subList(0, 2));
        assertThat(read.rejections()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo("unreadable_record");
            assertThat(r.detail()).isEqualTo("record 3 (byte " + (start + 2 * BOOK) + "): cut: the response ends"
                    + " after 40 of the record's 80 bytes");
            assertThat(r.record()).startsWith("DBN 40 bytes: 1401");
        });
    }

    @Test
    void a_zstd_response_cut_short_keeps_its_whole_records_and_says_it_was_cut() {
        // many records told apart by their sequence, so the frame has many blocks and a cut leaves whole ones before it
        byte[] one = DbnFixtures.dbn("mbp-1");
        int start = DbnFixtures.recordsStart(one);
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        many.write(one, 0, start);
        byte[] record = new byte[BOOK];
        for (int i = 0; i < 20_000; i++) {
            System.arraycopy(one, start + (i % 4) * BOOK, record, 0, BOOK);
            DbnFixtures.le(record).putInt(DbnLayout.BOOK_SEQUENCE, i * 7919).putInt(DbnLayout.BOOK_BID_SZ, i);
            many.write(record, 0, BOOK);
        }
        byte[] whole = DbnFixtures.zstd(many.toByteArray());
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);

        DbnFixtures.Read<TopOfBook> read = DbnFixtures.books(cut);

        assertThat(read.records()).hasSizeBetween(1, 19_999);
        for (int i = 0; i < read.records().size(); i++) {
            assertThat(read.records().get(i).bidSize()).isEqualTo(i);
        }
        assertThat(read.rejections()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo("unreadable_record");
            assertThat(r.detail()).contains("the response is cut: its zstd frame ends early");
        });
    }

    @Test
    void a_response_of_only_a_header_has_no_records() {
        byte[] whole = DbnFixtures.dbn("statistics");

        DbnFixtures.Read<Statistic> read = DbnFixtures.statistics(
                Arrays.copyOf(whole, DbnFixtures.recordsStart(whole)));

        assertThat(read.records()).isEmpty();
        assertThat(read.rejections()).isEmpty();
    }

    @Test
    void a_response_cut_in_its_metadata_is_refused_whole() {
        byte[] whole = DbnFixtures.dbn("mbp-1");

        assertThatThrownBy(() -> DbnFixtures.books(Arrays.copyOf(whole, 100)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("DBN v3 response cut in its metadata: 92 of its 352 bytes received");
    }

    // records of another schema, or too short

    @Test
    void a_record_of_another_schema_in_a_quotes_response_is_rejected_and_the_rest_go_on() {
        byte[] payload = DbnFixtures.dbn("mbp-1");
        int second = DbnFixtures.recordsStart(payload) + BOOK;
        payload[second + 1] = (byte) 0xC3;

        DbnFixtures.Read<TopOfBook> read = DbnFixtures.books(payload);

        assertThat(read.records()).hasSize(3);
        assertThat(read.rejections()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo("unreadable_record");
            assertThat(r.detail()).isEqualTo("record 2 (byte " + second + "): rtype 195 (bbo-1s) in an mbp-1"
                    + " response");
            assertThat(r.record()).startsWith("1609113600062687776,1609113600062570311,195,1,5482,B,");
        });
    }

    @Test
    void a_record_that_is_no_bar_in_a_bars_response_is_rejected_as_the_line_it_is() {
        byte[] bars = DbnFixtures.dbn("ohlcv-1s");
        byte[] books = DbnFixtures.dbn("mbp-1");
        int start = DbnFixtures.recordsStart(bars);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(bars, 0, start + 56);
        payload.write(books, DbnFixtures.recordsStart(books), BOOK);
        payload.write(bars, start + 56, bars.length - start - 56);

        DbnFixtures.Read<OhlcvBar> read = DbnFixtures.bars(payload.toByteArray(), true);

        assertThat(read.records()).hasSize(4);
        assertThat(read.rejections()).singleElement().satisfies(r -> {
            assertThat(r.detail()).isEqualTo("record 2 (byte " + (start + 56) + "): rtype 1 (mbp-1) is not an"
                    + " ohlcv bar");
            assertThat(r.record()).isEqualTo(DbnFixtures.csvLines("databento/dbn/databento_mbp-1_ESH1_csv_raw.csv")
                    .get(0));
        });
    }

    @Test
    void a_bar_of_another_bar_length_is_read_for_the_futures_validator_to_refuse() {
        byte[] payload = DbnFixtures.dbn("ohlcv-1d");
        payload[DbnFixtures.recordsStart(payload) + 1] = (byte) DbnLayout.OHLCV_1H;

        DbnFixtures.Read<OhlcvBar> read = DbnFixtures.bars(payload, true);

        // FuturesValidator's wrong_schema rule compares the rtype with the schema asked for: not this reader's job
        assertThat(read.rejections()).isEmpty();
        assertThat(read.records()).singleElement().satisfies(bar -> assertThat(bar.rtype()).isEqualTo(0x22));
    }

    @Test
    void a_record_shorter_than_its_schemas_record_is_rejected_and_the_rest_go_on() {
        byte[] books = DbnFixtures.dbn("mbp-1");
        int start = DbnFixtures.recordsStart(books);
        byte[] shortRecord = Arrays.copyOfRange(books, start, start + 48);
        shortRecord[0] = 12;
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(books, 0, start + BOOK);
        payload.write(shortRecord, 0, 48);
        payload.write(books, start + BOOK, books.length - start - BOOK);

        DbnFixtures.Read<TopOfBook> read = DbnFixtures.books(payload.toByteArray());

        assertThat(read.records()).containsExactlyElementsOf(DbnFixtures.books(books).records());
        assertThat(read.rejections()).singleElement().satisfies(r -> {
            assertThat(r.detail()).isEqualTo("record 2 (byte " + (start + BOOK) + "): a record of 48 bytes is"
                    + " shorter than a top-of-book update record of DBN v3 (80 bytes)");
            assertThat(r.record()).startsWith("DBN 48 bytes: 0c01");
        });
    }

    @Test
    void a_length_byte_shorter_than_a_header_stops_the_reading_where_it_is() {
        byte[] payload = DbnFixtures.dbn("statistics");
        int third = DbnFixtures.recordsStart(payload) + 2 * 80;
        payload[third] = 2;

        DbnFixtures.Read<Statistic> read = DbnFixtures.statistics(payload);

        assertThat(read.records()).hasSize(2);
        assertThat(read.rejections()).singleElement().satisfies(r -> assertThat(r.detail())
                .isEqualTo("record 3 (byte " + third + "): length byte 2 is shorter than a record header (4 words):"
                        + " the rest of the response (160 bytes here) cannot be framed into records"));
    }

    @Test
    void a_record_the_consumer_cannot_read_is_rejected_and_the_rest_go_on() {
        byte[] payload = DbnFixtures.dbn("statistics");
        // ts_recv of the second record undefined: the statistic throws when its ts_recv is asked for
        DbnFixtures.le(payload).putLong(DbnFixtures.recordsStart(payload) + 80 + 16, 0);
        List<java.time.Instant> received = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();

        DbnFixtures.io(() -> StatisticsReader.readDbn(new ByteArrayInputStream(payload), "stats.dbn ",
                s -> received.add(s.tsRecv()), rejections));

        assertThat(received).hasSize(3);
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.detail()).startsWith("stats.dbn record 2 (byte ").endsWith("): undefined ts_recv");
            assertThat(r.record()).startsWith("0,1609117769710782863,24,1,5482,");
        });
    }

    @Test
    void a_response_of_another_schema_is_refused_whole() {
        assertThatThrownBy(() -> DbnFixtures.bars(DbnFixtures.zst("mbp-1"), true))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("a DBN v3 mbp-1 response where an ohlcv bar (ohlcv-1d, ohlcv-1h, ohlcv-1m, ohlcv-1s,"
                        + " ohlcv-eod) was expected");
    }

    // not DBN at all

    @Test
    void an_error_body_is_refused_whole_naming_the_error() {
        assertThatThrownBy(() -> DbnFixtures.books(utf8("{\"detail\":\"Authentication failed.\"}\n")))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("error response instead of DBN data: {\"detail\":\"Authentication failed.\"}");
    }

    @Test
    void a_web_page_is_refused_whole_naming_what_it_starts_with() {
        assertThatThrownBy(() -> DbnFixtures.bars(utf8("<html><body>Bad gateway</body></html>\n"), true))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("not a DBN response: it starts with <html><body>Bad gateway</body></html> where DBN"
                        + " starts with \"DBN\"");
    }

    @Test
    void a_zstd_compressed_error_body_is_refused_whole_too() {
        assertThatThrownBy(() -> DbnFixtures.statistics(DbnFixtures.zstd(utf8("{\"detail\":\"Not found\"}"))))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("error response instead of DBN data: {\"detail\":\"Not found\"}");
    }

    @Test
    void a_csv_response_is_no_dbn_response() {
        assertThatThrownBy(() -> DbnFixtures.definitions(utf8("ts_recv,ts_event,rtype\n")))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("not a DBN response: it starts with ts_recv,ts_event,rtype");
    }

    @Test
    void an_empty_response_is_refused_whole() {
        assertThatThrownBy(() -> DbnFixtures.books(new byte[0]))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("empty response: no content, not even a DBN header");
    }

    @Test
    void a_dbn_version_newer_than_3_is_refused_whole() {
        byte[] payload = DbnFixtures.dbn("ohlcv-1d");
        payload[3] = 4;

        assertThatThrownBy(() -> DbnFixtures.bars(payload, true))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("DBN version 4 is newer than this reader, which reads versions 1 to 3");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static ByteBuffer le(byte[] bytes) {
        return DbnFixtures.le(bytes);
    }
}
