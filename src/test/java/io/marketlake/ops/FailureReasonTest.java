package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

class FailureReasonTest {

    @Test
    void a_failure_wrapped_by_camel_is_told_by_what_went_wrong_under_the_wrappers() {
        Exception wrapped = new RuntimeCamelException(new ExecutionException(new IOException("No space left on device")));

        assertThat(FailureReason.of(wrapped)).isEqualTo("IOException: No space left on device");
        assertThat(FailureReason.cause(wrapped)).isInstanceOf(IOException.class);
    }

    @Test
    void an_http_failure_is_told_by_its_status_address_and_body_on_one_line() {
        Exception refused = new HttpOperationFailedException("http://127.0.0.1:8080/v0/timeseries.get_range", 502,
                "Bad Gateway", null, Map.of(), "<html>\n  <h1>502 Bad Gateway</h1>\n</html>\n");

        assertThat(FailureReason.of(refused)).isEqualTo(
                "HTTP 502 Bad Gateway from http://127.0.0.1:8080/v0/timeseries.get_range: <html> <h1>502 Bad Gateway</h1> </html>");
    }

    @Test
    void no_failure_at_hand_is_an_unknown_failure() {
        assertThat(FailureReason.of(null)).isEqualTo("unknown failure");
    }
}
