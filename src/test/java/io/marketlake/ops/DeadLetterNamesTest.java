package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a letter's id names its file and its payload directory, as the writer makes them and the archive reads them. */
class DeadLetterNamesTest {

    @Test
    void a_new_letter_file_name_gives_back_its_id() {
        String id = DeadLetter.newId(Instant.parse("2026-02-17T18:30:00.123Z"));

        assertThat(id).startsWith("20260217T183000123Z-");
        assertThat(DeadLetter.isId(id)).isTrue();
        assertThat(DeadLetter.idOf(DeadLetter.fileName(id))).contains(id);
    }

    @Test
    void quarantined_records_and_other_files_hold_no_letter_id() {
        assertThat(DeadLetter.idOf("0123456789abcdef-rejected.jsonl")).isEmpty();
        assertThat(DeadLetter.idOf("notes-failed.json")).isEmpty();
        assertThat(DeadLetter.idOf("20260217T183000123Z-1a2b3c4d-failed.json.inprogress")).isEmpty();
    }

    @Test
    void a_letter_read_back_finds_its_payload_in_the_directory_named_by_its_id() {
        DeadLetter letter = new DeadLetter("20260217T183000123Z-1a2b3c4d",
                "cot/HE/2024-01-01/20260217T183000123Z-1a2b3c4d-failed.json", JsonNodeFactory.instance.objectNode());

        assertThat(letter.payloadDirectory()).isEqualTo("cot/HE/2024-01-01/20260217T183000123Z-1a2b3c4d-payload");
        assertThat(DeadLetter.payloadDirectoryName(letter.id())).isEqualTo("20260217T183000123Z-1a2b3c4d-payload");
    }
}
