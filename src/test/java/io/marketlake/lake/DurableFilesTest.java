package io.marketlake.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durability itself (what survives a power loss) cannot be observed in a test; these check the rest of the contract. */
class DurableFilesTest {

    @TempDir
    Path dir;

    @Test
    void moving_into_place_replaces_the_target_with_the_temp_files_content_and_leaves_no_temp() throws Exception {
        Path temp = Files.writeString(dir.resolve(".manifest.json.inprogress"), "new");
        Path target = Files.writeString(dir.resolve("manifest.json"), "old");

        DurableFiles.moveIntoPlace(temp, target);

        assertThat(target).hasContent("new");
        assertThat(temp).doesNotExist();
    }

    @Test
    void forcing_a_missing_file_fails_rather_than_creating_it() {
        Path missing = dir.resolve("part-0000.parquet");

        assertThatThrownBy(() -> DurableFiles.force(missing)).isInstanceOf(NoSuchFileException.class);
        assertThat(missing).doesNotExist();
    }
}
