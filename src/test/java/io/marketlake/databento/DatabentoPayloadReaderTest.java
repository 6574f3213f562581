package io.marketlake.databento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlake.TestResources;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabentoPayloadReaderTest {

    private static final String HEADER = "ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol";
    private static final String HEJ6 = "1771286400000000000,35,1,42140102,91050000000,91525000000,90600000000,"
            + "91175000000,27476,HEJ6";
    private static final String HEK6 = "1771286400000000000,35,1,42140103,96000000000,97125000000,95650000000,"
            + "96550000000,9791,HEK6";
    private static final String JSON_BAR = TestResources.text("databento/databento_DERIVED_ohlcv-1d_ESH1_json_raw.jsonl")
            .strip();

    private record Malformed(long line, String raw, String problem) {
    }

    private static final class Collected implements DatabentoPayloadReader.Sink {
        final List<DatabentoRow> rows = new ArrayList<>();
        final List<String> rawDuringCallback = new ArrayList<>();
        final List<Malformed> malformed = new ArrayList<>();

        @Override
        public void row(DatabentoRow row) {
            rows.add(row);
            rawDuringCallback.add(row.raw());
        }

        @Override
        public void malformed(long line, String raw, String problem) {
            malformed.add(new Malformed(line, raw, problem));
        }
    }

    private static Collected read(String payload) {
        Collected collected = new Collected();
        DatabentoPayloadReader.read(payload, collected);
        return collected;
    }

    private static String csv(String... records) {
        return HEADER + "\n" + String.join("\n", records) + "\n";
    }

    // raw text as received

    @Test
    void a_quoted_field_comes_back_quoted_in_the_raw_text() {
        String quoted = "1771286400000000000,35,1,43000009,100000000,100000000,100000000,100000000,5,\"HEJ6 C9200\"";

        Collected read = read(csv(HEJ6, quoted));

        assertThat(read.rows).hasSize(2);
        assertThat(read.rows.get(1).get("symbol")).isEqualTo("HEJ6 C9200");
        assertThat(read.rawDuringCallback).containsExactly(HEJ6, quoted);
    }

    @Test
    void spaces_and_trailing_zeros_come_back_in_the_raw_text_as_received() {
        String spaced = "2026-02-17T00:00:00.000000000Z,35,1,42140102, 91.50 ,91.5250,90.60,91.175000000,27476,HEJ6 ";

        Collected read = read(csv(spaced));

        assertThat(read.rawDuringCallback).containsExactly(spaced);
    }

    @Test
    void the_raw_text_of_a_quoted_record_is_the_same_when_asked_for_after_reading() {
        // the options chain keeps the last quote of each instrument and asks for its text only when rejecting it
        String quoted = "\"1771286400000000000\",35,1,43000009,100000000,100000000,100000000,100000000,5,\"HEJ6 C9200\"";

        Collected read = read(csv(quoted, HEJ6, HEK6));

        assertThat(read.rows).extracting(DatabentoRow::raw).containsExactly(quoted, HEJ6, HEK6);
    }

    @Test
    void a_record_with_a_line_break_inside_quotes_comes_back_whole_and_the_next_line_number_counts_it() {
        String twoLines = "1771286400000000000,35,1,43000009,100000000,100000000,100000000,100000000,5,\"HEJ6\nC9200\"";

        Collected read = read(csv(twoLines, HEK6));

        assertThat(read.rows).extracting(DatabentoRow::raw).containsExactly(twoLines, HEK6);
        assertThat(read.rows).extracting(DatabentoRow::line).containsExactly(2L, 4L);
    }

    @Test
    void a_malformed_record_comes_back_as_received() {
        String short1 = "1771286400000000000,35,1,42140102,\"91050000000\",  91525000000,HEJ6";

        Collected read = read(csv(HEJ6, short1, HEK6));

        assertThat(read.rows).hasSize(2);
        assertThat(read.malformed).containsExactly(new Malformed(3, short1, "expected 10 fields, found 7"));
    }

    @Test
    void crlf_line_ends_give_the_records_without_the_carriage_return() {
        String quoted = "1771286400000000000,35,1,43000009,100000000,100000000,100000000,100000000,5,\"HEJ6 C9200\"";

        Collected read = read(HEADER + "\r\n" + HEJ6 + "\r\n" + quoted + "\r\n" + HEK6 + "\r\n");

        assertThat(read.rows).extracting(DatabentoRow::raw).containsExactly(HEJ6, quoted, HEK6);
        assertThat(read.rows).extracting(r -> r.get("symbol")).containsExactly("HEJ6", "HEJ6 C9200", "HEK6");
        assertThat(read.rows).extracting(DatabentoRow::line).containsExactly(2L, 3L, 4L);
    }

    @Test
    void blank_lines_are_skipped_and_still_counted_in_line_numbers() {
        Collected read = read(HEADER + "\n" + HEJ6 + "\n\n" + HEK6 + "\n\n  \r\n\n");

        assertThat(read.malformed).isEmpty();
        assertThat(read.rows).extracting(DatabentoRow::raw).containsExactly(HEJ6, HEK6);
        assertThat(read.rows).extracting(DatabentoRow::line).containsExactly(2L, 4L);
    }

    // byte order mark, line ends, empty payloads

    @Test
    void a_byte_order_mark_before_the_csv_header_is_skipped() {
        Collected read = read("\uFEFF" + csv(HEJ6));

        assertThat(read.rows).singleElement().satisfies(row -> {
            assertThat(row.get("ts_event")).isEqualTo("1771286400000000000");
            assertThat(row.raw()).isEqualTo(HEJ6);
        });
    }

    @Test
    void a_byte_order_mark_before_json_lines_is_skipped() {
        Collected read = read("\uFEFF" + JSON_BAR + "\n");

        assertThat(read.rows).singleElement().satisfies(row -> assertThat(row.get("instrument_id")).isEqualTo("5482"));
    }

    @Test
    void json_lines_with_crlf_ends_and_blank_trailing_lines_give_each_record_without_the_carriage_return() {
        Collected read = read(JSON_BAR + "\r\n" + JSON_BAR + "\r\n\r\n\n");

        assertThat(read.malformed).isEmpty();
        assertThat(read.rows).extracting(DatabentoRow::raw).containsExactly(JSON_BAR, JSON_BAR);
        assertThat(read.rows).extracting(DatabentoRow::line).containsExactly(1L, 2L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\n", "\r\n \t\r\n", "\uFEFF"})
    void a_payload_with_nothing_in_it_is_an_empty_response_not_a_day_without_data(String payload) {
        assertThatThrownBy(() -> read(payload))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("empty response: ");
    }

    @Test
    void a_header_without_records_is_a_day_without_data() {
        Collected read = read(HEADER + "\r\n\r\n");

        assertThat(read.rows).isEmpty();
        assertThat(read.malformed).isEmpty();
    }

    // hostile sizes

    @Test
    void a_field_longer_than_64_kib_is_a_malformed_record_and_the_rest_go_on() {
        String huge = "1771286400000000000,35,1,42140102,91050000000,91525000000,90600000000,91175000000,27476,"
                + "H".repeat(70_000);

        Collected read = read(csv(HEJ6, huge, HEK6));

        assertThat(read.rows).extracting(DatabentoRow::raw).containsExactly(HEJ6, HEK6);
        assertThat(read.malformed).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(3);
            assertThat(m.problem()).contains("field 10 (symbol) of 70000 characters");
            assertThat(m.raw()).startsWith("1771286400000000000,35,1,42140102,").hasSizeLessThan(400);
        });
    }

    @Test
    void a_line_longer_than_1_mib_is_a_malformed_record_and_the_rest_go_on() {
        String huge = "1771286400000000000,35,1," + "4".repeat(3 << 20);

        Collected read = read(csv(HEJ6, huge, HEK6));

        assertThat(read.rows).extracting(DatabentoRow::raw).containsExactly(HEJ6, HEK6);
        assertThat(read.rows).extracting(DatabentoRow::line).containsExactly(2L, 4L);
        assertThat(read.malformed).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(3);
            assertThat(m.problem()).contains("longer than the limit of 1048576");
            assertThat(m.raw()).startsWith("1771286400000000000,35,1,444").hasSizeLessThan(400);
        });
    }

    @Test
    void a_quote_left_open_swallows_at_most_1_mib_and_reading_goes_on_after_it() {
        StringBuilder payload = new StringBuilder(csv(HEJ6)).append("1771286400000000000,35,\"1,");
        int after = (2 << 20) / (HEK6.length() + 1);
        for (int i = 0; i < after; i++) {
            payload.append('\n').append(HEK6);
        }

        Collected read = read(payload.append('\n').toString());

        assertThat(read.malformed).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(3);
            assertThat(m.problem()).contains("longer than the limit");
        });
        assertThat(read.rows.get(0).raw()).isEqualTo(HEJ6);
        List<DatabentoRow> rest = read.rows.subList(1, read.rows.size());
        int swallowed = (1 << 20) / (HEK6.length() + 1);
        assertThat(rest).hasSizeBetween(after - swallowed - 1, after - swallowed + 1)
                .allSatisfy(row -> assertThat(row.raw()).isEqualTo(HEK6));
        assertThat(rest).extracting(DatabentoRow::line)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(3 + after - rest.size() + 1,
                        3 + after).boxed().toList());
    }

    @Test
    void a_json_line_longer_than_1_mib_is_a_malformed_record_and_the_rest_go_on() {
        String huge = "{\"hd\":{\"ts_event\":\"" + "1".repeat(3 << 20) + "\"}}";

        Collected read = read(JSON_BAR + "\n" + huge + "\n" + JSON_BAR + "\n");

        assertThat(read.rows).extracting(DatabentoRow::line).containsExactly(1L, 3L);
        assertThat(read.malformed).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(2);
            assertThat(m.problem()).contains("longer than the limit");
            assertThat(m.raw()).startsWith("{\"hd\":{\"ts_event\":\"111").hasSizeLessThan(400);
        });
    }

    @Test
    void a_json_string_longer_than_64_kib_is_a_malformed_record() {
        String huge = JSON_BAR.replace("\"volume\":\"718174\"", "\"volume\":\"" + "7".repeat(70_000) + "\"");

        Collected read = read(JSON_BAR + "\n" + huge + "\n");

        assertThat(read.rows).hasSize(1);
        assertThat(read.malformed).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(2);
            assertThat(m.problem()).startsWith("too large for a Databento record");
            assertThat(m.raw()).startsWith(JSON_BAR.substring(0, 100)).hasSizeLessThan(400);
        });
    }

    @Test
    void json_nested_deeper_than_32_levels_is_a_malformed_record() {
        String deep = JSON_BAR.replace("\"volume\":\"718174\"",
                "\"volume\":" + "[".repeat(40) + "1" + "]".repeat(40));

        Collected read = read(JSON_BAR + "\n" + deep + "\n");

        assertThat(read.rows).hasSize(1);
        assertThat(read.malformed).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(2);
            assertThat(m.raw()).isEqualTo(deep);
            assertThat(m.problem()).startsWith("too large for a Databento record").contains("nesting depth");
        });
    }

    // not data, cut bodies

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"detail\":{\"case\":\"auth_invalid\",\"message\":\"Authentication failed.\",\"status_code\":401}}\n",
        "\uFEFF\r\n{\"detail\": \"Authentication failed.\"}\r\n"})
    void a_json_error_object_instead_of_data_is_refused_whole(String payload) {
        assertThatThrownBy(() -> read(payload + JSON_BAR + "\n"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("error response instead of data").hasMessageContaining("Authentication failed");
    }

    @Test
    void json_that_does_not_start_with_a_databento_record_is_refused_whole() {
        assertThatThrownBy(() -> read("{\n  \"detail\": \"Authentication failed.\"\n}\n" + JSON_BAR + "\n"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("not a Databento JSON response: first line is '{'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head></html>\n",
        "<html><body><p>Error: a,\"b</p>\n</body></html>\n",
        "\uFEFF  <html><body>Service unavailable</body></html>"})
    void a_web_page_instead_of_data_is_refused_whole(String payload) {
        assertThatThrownBy(() -> read(payload))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("not a Databento CSV response").hasMessageContaining("html");
    }

    @Test
    void a_csv_body_cut_in_its_last_line_gives_the_good_rows_and_the_cut_line_malformed() {
        String cut = HEK6.substring(0, 40);

        Collected read = read(HEADER + "\n" + HEJ6 + "\n" + cut);

        assertThat(read.rows).extracting(DatabentoRow::raw).containsExactly(HEJ6);
        assertThat(read.malformed).containsExactly(new Malformed(3, cut, "expected 10 fields, found 5"));
    }

    @Test
    void a_csv_body_cut_inside_a_quoted_field_gives_the_good_rows_and_the_cut_line_malformed() {
        String cut = "1771286400000000000,35,1,43000009,100000000,100000000,100000000,100000000,5,\"HEJ6 C9";

        Collected read = read(HEADER + "\n" + HEJ6 + "\n" + cut);

        assertThat(read.rows).extracting(DatabentoRow::raw).containsExactly(HEJ6);
        assertThat(read.malformed).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(3);
            assertThat(m.raw()).isEqualTo(cut);
            assertThat(m.problem()).startsWith("unreadable CSV");
        });
    }

    @Test
    void a_record_the_csv_parser_cannot_read_is_malformed_alone() {
        String bad = "1771286400000000000,35,1,43000009,\"100000000\"x,100000000,100000000,100000000,5,HEJ6";

        Collected read = read(csv(HEJ6, bad, HEK6));

        assertThat(read.rows).extracting(DatabentoRow::raw).containsExactly(HEJ6, HEK6);
        assertThat(read.rows).extracting(DatabentoRow::line).containsExactly(2L, 4L);
        assertThat(read.malformed).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(3);
            assertThat(m.raw()).isEqualTo(bad);
            assertThat(m.problem()).isEqualTo("unreadable CSV: Invalid character between encapsulated token and"
                    + " delimiter");
        });
    }

    @Test
    void a_json_body_cut_in_its_last_line_gives_the_good_rows_and_the_cut_line_malformed() {
        String cut = JSON_BAR.substring(0, 60);

        Collected read = read(JSON_BAR + "\n" + JSON_BAR + "\n" + cut);

        assertThat(read.rows).hasSize(2);
        assertThat(read.malformed).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(3);
            assertThat(m.raw()).isEqualTo(cut);
            assertThat(m.problem()).startsWith("not JSON");
        });
    }

    @Test
    void a_payload_is_read_the_same_whatever_sizes_the_source_hands_it_over_in() throws IOException {
        String quoted = "1771286400000000000,35,1,43000009,100000000,100000000,100000000,100000000,5,\"HEJ6 C9200\"";
        StringBuilder payload = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        for (int i = 0; i < 5_000; i++) {
            payload.append(i % 7 == 0 ? quoted : HEJ6).append("\r\n");
        }
        Collected read = new Collected();

        DatabentoPayloadReader.read(new TrickleReader(payload.toString()), read);

        assertThat(read.malformed).isEmpty();
        assertThat(read.rows).hasSize(5_000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(read.rows.get(i).raw()).isEqualTo(i % 7 == 0 ? quoted : HEJ6);
            assertThat(read.rows.get(i).line()).isEqualTo(i + 2);
        }
    }

    /** Hands over a few characters at a time, as a network stream may. */
    private static final class TrickleReader extends Reader {
        private final StringReader text;
        private int call;

        TrickleReader(String text) {
            this.text = new StringReader(text);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            return text.read(buffer, offset, Math.min(length, 1 + call++ % 13));
        }

        @Override
        public void close() {
        }
    }
}
