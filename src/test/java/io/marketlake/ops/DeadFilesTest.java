package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.DbnResponses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadFilesTest {

    private static final String PAYLOAD = "futures/HE/2026-02-13/20260217T183000123Z-1a2b3c4d-payload";

    @TempDir
    Path dead;

    @TempDir
    Path landing;

    private DeadFiles files() {
        return new DeadFiles(dead, new Redactor("MARKETLAKE_TEST_UNSET_KEY"));
    }

    @Test
    void a_payload_file_is_kept_beside_its_letter_with_its_size_and_sha256() throws Exception {
        byte[] content = {'P', 'K', 3, 4, 0, 1, 2};

        DeadFiles.Kept kept = files().write(PAYLOAD, "payload.zip", content);

        assertThat(kept.path()).isEqualTo(PAYLOAD + "/payload.zip");
        assertThat(Files.readAllBytes(dead.resolve(kept.path()))).isEqualTo(content);
        assertThat(kept.size()).isEqualTo(content.length);
        assertThat(kept.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(namesIn(dead.resolve(PAYLOAD))).containsExactly("payload.zip");
    }

    @Test
    void a_landed_download_is_moved_beside_its_letter_as_it_was_received() throws Exception {
        Path download = Files.writeString(landing.resolve("response.csv"), "ts_event,open\n1,2.5\n");

        List<DeadFiles.Kept> kept = files().moveLanded(List.of(download), PAYLOAD).kept();

        assertThat(kept).extracting(DeadFiles.Kept::path).containsExactly(PAYLOAD + "/response.csv");
        assertThat(dead.resolve(PAYLOAD).resolve("response.csv")).hasContent("ts_event,open\n1,2.5\n");
        assertThat(download).doesNotExist();
    }

    @Test
    void a_landed_download_that_echoes_a_credential_is_kept_with_that_line_masked() throws Exception {
        Path download = Files.writeString(landing.resolve("response.txt"),
                "request refused\nAuthorization: Basic dXNlcjpwYXNzd29yZA==\n");

        DeadFiles.Kept kept = files().moveLanded(List.of(download), PAYLOAD).kept().get(0);

        String stored = Files.readString(dead.resolve(kept.path()), StandardCharsets.UTF_8);
        assertThat(stored).startsWith("request refused\n").doesNotContain("dXNlcjpwYXNzd29yZA");
        assertThat(kept.size()).isEqualTo(Files.size(dead.resolve(kept.path())));
        assertThat(download).doesNotExist();
        assertThat(namesIn(dead.resolve(PAYLOAD))).containsExactly("response.txt");
    }

    @Test
    void a_landed_file_that_is_gone_already_is_not_in_what_was_kept() throws Exception {
        Path present = Files.writeString(landing.resolve("part-1.csv"), "a\n");

        List<DeadFiles.Kept> kept = files().moveLanded(List.of(landing.resolve("part-0.csv"), present), PAYLOAD)
                .kept();

        assertThat(kept).extracting(DeadFiles.Kept::path).containsExactly(PAYLOAD + "/part-1.csv");
    }

    @Test
    void a_landed_dbn_response_is_moved_byte_for_byte_and_named_for_databentos_tools() throws Exception {
        byte[] response = DbnResponses.bars("samples/databento/HE.FUT-ohlcv-1d-2026-02-13-csv_raw.csv", "2026-02-13");
        Path download = Files.write(landing.resolve("ID-1-ohlcv-1m.txt"), response);

        DeadFiles.Moved moved = files().moveLanded(List.of(download), PAYLOAD);

        assertThat(moved.kept()).extracting(DeadFiles.Kept::path).containsExactly(PAYLOAD + "/ID-1-ohlcv-1m.dbn.zst");
        assertThat(Files.readAllBytes(dead.resolve(PAYLOAD).resolve("ID-1-ohlcv-1m.dbn.zst"))).isEqualTo(response);
        assertThat(moved.withheld()).isEmpty();
        assertThat(download).doesNotExist();
    }

    @Test
    void a_landed_binary_response_that_echoes_a_credential_is_not_kept() throws Exception {
        // a zstd frame of text: masking the compressed bytes is impossible, and rewriting them would break them
        byte[] response = io.marketlake.databento.DbnEncoder.zstd(("ts_event,open\nAuthorization: Basic "
                + "dXNlcjpwYXNzd29yZA==\n").getBytes(StandardCharsets.UTF_8));
        Path download = Files.write(landing.resolve("ID-2-mbp-1.txt"), response);

        DeadFiles.Moved moved = files().moveLanded(List.of(download), PAYLOAD);

        assertThat(moved.kept()).isEmpty();
        assertThat(moved.withheld()).containsExactly("ID-2-mbp-1.txt");
        assertThat(namesIn(dead.resolve(PAYLOAD))).isEmpty();
        assertThat(download).doesNotExist();
    }

    private static List<String> namesIn(Path directory) throws Exception {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).toList();
        }
    }
}
