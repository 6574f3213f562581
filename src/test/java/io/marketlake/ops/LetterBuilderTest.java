package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.cot.CotFile;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.Rejection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The letters built from an exchange, read back as the archive reads them. */
class LetterBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FAILED_AT = Instant.parse("2026-02-17T18:30:00.123Z");

    @TempDir
    Path dead;

    @TempDir
    Path inbox;

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void closeCamel() throws Exception {
        camel.close();
    }

    @Test
    void a_failed_exchange_letter_is_filed_by_source_market_and_date_under_an_id_of_its_failure_instant()
            throws Exception {
        Exchange exchange = exchange("futures", "HE", "2026-02-13");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new RuntimeCamelException(new IOException("disk full")));

        LetterBuilder.Failure failure = builder().failed(exchange);

        assertThat(failure.fileName()).matches("futures/HE/2026-02-13/20260217T183000123Z-[0-9a-f]{8}-failed\\.json");
        assertThat(failure.reason()).isEqualTo("IOException: disk full");
        JsonNode letter = JSON.readTree(failure.json());
        assertThat(letter.get("failed_at").asText()).isEqualTo("2026-02-17T18:30:00.123Z");
        assertThat(letter.get("exception").asText()).isEqualTo("java.io.IOException");
    }

    @Test
    void a_failed_exchange_that_names_no_source_nor_date_is_filed_as_unknown_and_undated() throws Exception {
        LetterBuilder.Failure failure = builder().failed(new DefaultExchange(camel));

        assertThat(failure.fileName()).startsWith("unknown/unknown/undated/");
        assertThat(failure.reason()).isEqualTo("unknown failure");
    }

    @Test
    void a_binary_payload_that_is_not_a_zip_is_kept_in_the_payload_directory_the_letter_reads_back()
            throws Exception {
        Exchange exchange = exchange("cot", "HE", "2024-01-01");
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        exchange.setProperty(IngestProperties.PAYLOAD, bytes);

        DeadLetter letter = readBack(builder().failed(exchange));

        assertThat(letter.payloadKind()).isEqualTo(DeadLetter.PayloadKind.FILE);
        assertThat(letter.payloadFiles()).containsExactly(letter.payloadDirectory() + "/payload.bin");
        assertThat(Files.readAllBytes(dead.resolve(letter.payloadFiles().get(0)))).isEqualTo(bytes);
    }

    @Test
    void cot_files_one_of_which_is_not_text_are_each_kept_beside_the_letter_with_where_they_came_from()
            throws Exception {
        Exchange exchange = exchange("cot", "HE", "2024-01-01");
        exchange.setProperty(IngestProperties.PAYLOAD, List.of(new CotFile("f_year.txt", "LEAN HOGS\n"),
                new CotFile("f_week.txt", "broken \uFFFD text")));

        DeadLetter letter = readBack(builder().failed(exchange));

        assertThat(letter.payloadKind()).isEqualTo(DeadLetter.PayloadKind.FILES);
        assertThat(letter.payloadSources()).containsExactly("f_year.txt", "f_week.txt");
        assertThat(letter.payloadFiles()).containsExactly(letter.payloadDirectory() + "/file-1.txt",
                letter.payloadDirectory() + "/file-2.txt");
        assertThat(letter.fields().get("payload_manifest").get(1).get("source").asText()).isEqualTo("f_week.txt");
        assertThat(Files.readString(dead.resolve(letter.payloadFiles().get(0)), StandardCharsets.UTF_8))
                .isEqualTo("LEAN HOGS\n");
    }

    @Test
    void a_dropped_inbox_file_is_kept_as_its_path_not_its_content() throws Exception {
        Exchange exchange = exchange("trading", "ALL", "2026-02-17");
        String dropped = inbox.resolve("orders.csv").toString();
        exchange.setProperty(IngestProperties.PAYLOAD, dropped);
        exchange.getMessage().setHeader("CamelFileAbsolutePath", dropped);

        DeadLetter letter = readBack(builder().failed(exchange));

        assertThat(letter.payloadKind()).isEqualTo(DeadLetter.PayloadKind.FILE);
        assertThat(letter.fields().get("payload").asText()).isEqualTo(dropped);
        assertThat(letter.payloadFiles()).isEmpty();
    }

    @Test
    void the_same_rejected_records_are_quarantined_under_the_same_name_and_other_records_under_another()
            throws Exception {
        Exchange exchange = exchange("futures", "HE", "2026-02-13");
        Batch<String> rejected = new Batch<>(List.of(), List.of(new Rejection("a,1", "high_below_low", "a: 1 < 2")));
        Batch<String> other = new Batch<>(List.of(), List.of(new Rejection("b,1", "high_below_low", "b: 1 < 2")));

        LetterBuilder.Quarantine first = builder().rejected(rejected, exchange);
        LetterBuilder.Quarantine again = builder().rejected(rejected, exchange);

        assertThat(first.fileName()).matches("futures/HE/2026-02-13/[0-9a-f]{16}-rejected\\.jsonl");
        assertThat(again.fileName()).isEqualTo(first.fileName());
        assertThat(builder().rejected(other, exchange).fileName()).isNotEqualTo(first.fileName());
        assertThat(JSON.readTree(first.lines().lines().findFirst().orElseThrow()).get("rule").asText())
                .isEqualTo("high_below_low");
    }

    private LetterBuilder builder() {
        Redactor redactor = new Redactor("MARKETLAKE_TEST_UNSET_KEY");
        return new LetterBuilder(Clock.fixed(FAILED_AT, ZoneOffset.UTC), redactor,
                new LetterPayload(redactor, new DeadFiles(dead, redactor)));
    }

    private Exchange exchange(String source, String market, String date) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(IngestProperties.SOURCE, source);
        exchange.setProperty(IngestProperties.MARKET, market);
        exchange.setProperty(IngestProperties.DATE, date);
        return exchange;
    }

    /** The letter as the archive lists it: id and place from its file name, fields from its JSON. */
    private static DeadLetter readBack(LetterBuilder.Failure failure) throws Exception {
        String name = failure.fileName().substring(failure.fileName().lastIndexOf('/') + 1);
        return new DeadLetter(DeadLetter.idOf(name).orElseThrow(), failure.fileName(),
                (ObjectNode) JSON.readTree(failure.json()));
    }
}
