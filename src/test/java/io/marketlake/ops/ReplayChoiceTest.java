package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlake.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which letters a replay takes, read from letter files in a dead/ directory. */
class ReplayChoiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUTURES = "20260213T203000123Z-0a1b2c3d";
    private static final String COT = "20260213T203100123Z-4e5f6a7b";

    @TempDir
    Path dead;

    @Test
    void all_of_a_source_are_its_waiting_letters_only() throws IOException {
        write("futures/HE/2026-02-13", FUTURES, Map.of());
        write("cot/HE/2024-07-17", COT, Map.of());

        ReplayChoice.Chosen chosen = ReplayChoice.forReplay(archive(), null, "cot");

        assertThat(chosen.letters()).extracting(DeadLetter::id).containsExactly(COT);
        assertThat(chosen.replayedAt()).isNull();
    }

    @Test
    void a_source_that_nothing_replays_is_a_usage_error_listing_those_that_are() {
        assertThatThrownBy(() -> ReplayChoice.forReplay(archive(), null, "orders"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown source 'orders'")
                .hasMessageContaining("futures, futures_1h, futures_1m, futures_1s, options, cot");
    }

    @Test
    void an_id_with_another_source_given_is_a_usage_error_naming_the_letters_source() throws IOException {
        write("futures/HE/2026-02-13", FUTURES, Map.of());

        assertThatThrownBy(() -> ReplayChoice.forReplay(archive(), FUTURES, "cot"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("dead letter " + FUTURES + " is a futures letter, not cot");
    }

    @Test
    void a_superseded_letter_is_refused_naming_the_letter_to_replay_instead() throws IOException {
        write("futures/HE/2026-02-13", FUTURES, Map.of(DeadLetter.SUPERSEDED_BY, COT));

        assertThatThrownBy(() -> ReplayChoice.forReplay(archive(), FUTURES, null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("superseded by " + COT);
    }

    @Test
    void an_id_replayed_already_chooses_nothing_and_says_where_its_letter_went() throws IOException {
        write(".replayed/futures/HE/2026-02-13", FUTURES, Map.of());

        ReplayChoice.Chosen chosen = ReplayChoice.forReplay(archive(), FUTURES, null);

        assertThat(chosen.letters()).isEmpty();
        assertThat(chosen.replayedAt()).isEqualTo(".replayed/futures/HE/2026-02-13/" + FUTURES + DeadLetter.SUFFIX);
    }

    @Test
    void choosing_for_a_replay_finishes_a_move_to_replayed_that_a_crash_interrupted() throws IOException {
        Path left = write("futures/HE/2026-02-13", FUTURES, Map.of());
        write(".replayed/futures/HE/2026-02-13", FUTURES, Map.of());
        write("cot/HE/2024-07-17", COT, Map.of());

        ReplayChoice.Chosen chosen = ReplayChoice.forReplay(archive(), null, null);

        assertThat(chosen.letters()).extracting(DeadLetter::id).containsExactly(COT);
        assertThat(left).doesNotExist();
    }

    @Test
    void listing_of_a_source_leaves_the_archive_as_it_is() throws IOException {
        Path left = write("futures/HE/2026-02-13", FUTURES, Map.of());
        write(".replayed/futures/HE/2026-02-13", FUTURES, Map.of());

        assertThat(ReplayChoice.ofSource(archive().waiting(), "futures")).isEmpty();

        assertThat(left).exists();
    }

    private DeadLetterArchive archive() {
        return new DeadLetterArchive(dead, Clock.systemUTC());
    }

    private Path write(String directory, String id, Map<String, String> extra) throws IOException {
        String[] parts = directory.replace(".replayed/", "").split("/");
        Map<String, String> letter = new LinkedHashMap<>(Map.of("source", parts[0], "market", parts[1],
                "trading_date", parts[2], "failed_at", "2026-02-13T20:30:00.123456Z", "reason", "HTTP 503",
                "payload_kind", "request", "payload", "dataset=GLBX.MDP3"));
        letter.putAll(extra);
        Path file = Files.createDirectories(dead.resolve(directory)).resolve(id + DeadLetter.SUFFIX);
        return Files.writeString(file, JSON.writeValueAsString(letter));
    }
}
