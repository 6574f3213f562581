package io.marketlake.cot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CotFilesTest {

    private final CotFiles files = new CotFiles(Pattern.compile("(?i)[A-Za-z0-9_.-]+\\.txt"), 1_000_000);

    @Test
    void the_one_text_file_of_a_yearly_zip_is_read() throws Exception {
        CotFile file = files.text("fut_disagg_txt_2021.zip", CftcFiles.zip("f_year.txt", "hello"));

        assertThat(file.text()).isEqualTo("hello");
        assertThat(file.source()).isEqualTo("fut_disagg_txt_2021.zip");
    }

    @Test
    void a_text_file_is_taken_as_it_is() throws Exception {
        assertThat(files.text("f_disagg.txt", "a,b\r\n".getBytes(StandardCharsets.UTF_8)).text()).isEqualTo("a,b\r\n");
    }

    @Test
    void an_entry_escaping_the_directory_refuses_the_zip() {
        assertThatThrownBy(() -> files.text("evil.zip", CftcFiles.zip("../f_year.txt", "x")))
                .isInstanceOf(CotFormatException.class).hasMessageContaining("'../f_year.txt' would escape");
        assertThatThrownBy(() -> files.text("evil.zip", CftcFiles.zip("/etc/f_year.txt", "x")))
                .isInstanceOf(CotFormatException.class).hasMessageContaining("escape");
        assertThat(CotFiles.escapes("a/../../b.txt")).isTrue();
        assertThat(CotFiles.escapes("f_year.txt")).isFalse();
    }

    @Test
    void an_unexpected_entry_refuses_the_zip() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("f_year.txt", "x");
        entries.put("run.sh", "rm -rf /");
        assertThatThrownBy(() -> files.text("odd.zip", CftcFiles.zip(entries)))
                .isInstanceOf(CotFormatException.class).hasMessageContaining("'run.sh' is not the one expected");
        assertThatThrownBy(() -> files.text("dir.zip", CftcFiles.zip("data/f_year.txt", "x")))
                .isInstanceOf(CotFormatException.class).hasMessageContaining("data/f_year.txt");
    }

    @Test
    void a_truncated_zip_is_refused() {
        byte[] zip = CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.HOGS_2021_03_16).repeat(50));
        byte[] truncated = Arrays.copyOf(zip, zip.length / 2);

        assertThatThrownBy(() -> files.text("fut_disagg_txt_2021.zip", truncated))
                .isInstanceOf(CotFormatException.class).hasMessageContaining("truncated");
    }

    @Test
    void the_uncompressed_size_is_bounded() {
        byte[] bomb = CftcFiles.zip("f_year.txt", "0".repeat(2_000_000));

        assertThat(bomb.length).isLessThan(10_000);
        assertThatThrownBy(() -> files.text("bomb.zip", bomb))
                .isInstanceOf(CotFormatException.class).hasMessageContaining("more than 1000000 bytes");
    }

    @Test
    void a_byte_order_mark_before_the_header_is_dropped() throws Exception {
        CotFile file = files.text("fut_disagg_txt_2021.zip", CftcFiles.zip("f_year.txt", "\uFEFF" + CftcFiles.HEADER));

        assertThat(file.text()).isEqualTo(CftcFiles.HEADER);
    }

    @Test
    void a_truncated_zip_is_a_format_error_that_is_not_retried_as_io() {
        byte[] zip = CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(java.time.LocalDate.of(2024, 1, 9))));

        assertThatThrownBy(() -> files.text("f.zip", java.util.Arrays.copyOf(zip, zip.length / 2)))
                .isInstanceOf(CotFormatException.class).hasNoCause();
    }
}
