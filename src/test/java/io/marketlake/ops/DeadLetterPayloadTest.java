package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlake.DbnResponses;
import io.marketlake.RouteTestSupport;
import io.marketlake.cot.CftcFiles;
import io.marketlake.cot.CotSelection;
import io.marketlake.databento.DbnEncoder;
import io.marketlake.ingest.IngestProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a dead letter keeps of the payload, so that a replay can re-drive it and a person can read it. */
class DeadLetterPayloadTest extends RouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate WINTER = LocalDate.of(2024, 1, 9);

    @Test
    void a_cot_zip_payload_is_kept_beside_the_letter_as_a_file_whose_sha256_matches_the_bytes() throws Exception {
        byte[] zip = CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(WINTER)).repeat(40));
        byte[] truncated = Arrays.copyOf(zip, zip.length / 2);
        cftc.yearly(2024, truncated);

        ingestCot(CotSelection.between(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)), "2024-01-01");

        Path letterFile = single(filesUnder("dead/cot/HE/2024-01-01", "-failed.json"));
        JsonNode letter = JSON.readTree(letterFile.toFile());
        assertThat(letter.get("payload_kind").asText()).isEqualTo("file");
        assertThat(letter.get("payload").asText()).doesNotContain("PK");
        String letterName = letterFile.getFileName().toString();
        String kept = letter.get("payload_files").get(0).asText();
        assertThat(kept).isEqualTo("cot/HE/2024-01-01/" + letterName.replace("-failed.json", "-payload/payload.zip"));
        assertThat(Files.readAllBytes(home.resolve("dead").resolve(kept))).isEqualTo(truncated);
        JsonNode manifest = letter.get("payload_manifest").get(0);
        assertThat(manifest.get("path").asText()).isEqualTo(kept);
        assertThat(manifest.get("size").asLong()).isEqualTo(truncated.length);
        assertThat(manifest.get("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(truncated)));
    }

    @Test
    void a_cot_letter_keeps_the_report_selection_its_replay_asks_for_again() throws Exception {
        cftc.yearly(2024, CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(WINTER))));

        ingestCot(CotSelection.weekOf(LocalDate.of(2024, 7, 17)), "2024-07-17");

        JsonNode letter = JSON.readTree(single(filesUnder("dead/cot/HE", "-failed.json")).toFile());
        JsonNode selection = letter.get("cot_selection");
        assertThat(selection.get("kind").asText()).isEqualTo("WEEK");
        assertThat(selection.get("from").asText()).isEqualTo("2024-07-15");
        assertThat(selection.get("to").asText()).isEqualTo("2024-07-21");
        // the downloaded file was text: it stays in the letter, after where it came from
        assertThat(letter.get("payload_kind").asText()).isEqualTo("response");
        assertThat(letter.get("payload").asText()).startsWith("==> ").contains("LEAN HOGS");
        assertThat(letter.get("payload_sources")).hasSize(1);
    }

    @Test
    void a_dbn_response_is_kept_beside_the_letter_byte_for_byte_under_a_name_databentos_tools_read() throws Exception {
        byte[] response = DbnResponses.bars("samples/databento/HE.FUT-ohlcv-1d-2026-02-13-csv_raw.csv", "2026-02-13");
        Files.writeString(Files.createDirectories(lake()).resolve("data_type=futures"), "in the way");
        databento.ok(response);

        ingestFutures("HE", "2026-02-13");

        Path letterFile = single(filesUnder("dead/futures/HE/2026-02-13", "-failed.json"));
        JsonNode letter = JSON.readTree(letterFile.toFile());
        assertThat(letter.get("payload_kind").asText()).isEqualTo("file");
        String kept = letter.get("payload_files").get(0).asText();
        assertThat(kept).isEqualTo("futures/HE/2026-02-13/" + letterFile.getFileName().toString()
                .replace("-failed.json", "-payload/response.dbn.zst"));
        assertThat(Files.readAllBytes(home.resolve("dead").resolve(kept))).isEqualTo(response);
        assertThat(letter.get("payload_manifest").get(0).get("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response)));
        assertThat(Files.readString(letterFile)).doesNotContain("DBN");
    }

    @Test
    void a_binary_response_that_echoes_the_key_is_not_kept() throws Exception {
        // zstd-compressed text cannot be masked without breaking it: a page echoing the key, compressed
        databento.ok(DbnEncoder.zstd(("<html><body>key " + System.getenv("DATABENTO_API_KEY")
                + " refused</body></html>\n").getBytes(StandardCharsets.UTF_8)));

        ingestFutures("HE", "2026-02-13");

        JsonNode letter = JSON.readTree(single(filesUnder("dead/futures/HE/2026-02-13", "-failed.json")).toFile());
        assertThat(letter.get("payload_kind").asText()).isEqualTo("none");
        assertThat(letter.get("payload_withheld").get(0).asText()).isEqualTo("response.zst");
        assertThat(filesUnder("dead", ".zst")).isEmpty();
    }

    @Test
    void a_letter_says_whether_it_holds_the_response_or_only_the_request() throws Exception {
        databento.ok("<html><body><h1>502 Bad Gateway</h1></body></html>\n").error(403, "Forbidden", Map.of());

        ingestFutures("HE", "2026-02-13");
        ingestFutures("HE", "2026-02-17");

        JsonNode malformed = JSON.readTree(single(filesUnder("dead/futures/HE/2026-02-13", "-failed.json")).toFile());
        assertThat(malformed.get("payload_kind").asText()).isEqualTo("response");
        assertThat(malformed.get("exception").asText()).isEqualTo("io.marketlake.databento.MalformedPayloadException");
        JsonNode refused = JSON.readTree(single(filesUnder("dead/futures/HE/2026-02-17", "-failed.json")).toFile());
        assertThat(refused.get("payload_kind").asText()).isEqualTo("request");
        assertThat(refused.get("payload").asText()).contains("symbols=HE.FUT");
    }

    private void ingestCot(CotSelection selection, String date) {
        template.send("direct:cot-ingest", e -> {
            e.setProperty(IngestProperties.MARKET, "HE");
            e.setProperty(IngestProperties.DATE, date);
            e.setProperty(IngestProperties.COT_SELECTION, selection);
        });
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
