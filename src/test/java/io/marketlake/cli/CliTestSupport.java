package io.marketlake.cli;

import io.marketlake.CftcStub;
import io.marketlake.DatabentoStub;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user types it, in process, in a fresh home per test, with Databento and the CFTC on
 * loopback stubs given as the system properties a user would pass with -D; what a run printed stays in out and err.
 */
abstract class CliTestSupport {

    private static final List<String> PROPERTIES = List.of("marketlake.databento.base-url", "marketlake.cftc.base-url",
            "marketlake.retry.initial-delay-ms");

    static DatabentoStub databento;
    static CftcStub cftc;

    @TempDir
    Path home;

    String out;
    String err;

    @BeforeAll
    static void startStubs() throws IOException {
        databento = DatabentoStub.start();
        cftc = CftcStub.start();
        System.setProperty(PROPERTIES.get(0), databento.baseUrl());
        System.setProperty(PROPERTIES.get(1), cftc.baseUrl());
        System.setProperty(PROPERTIES.get(2), "20");
    }

    @AfterAll
    static void stopStubs() {
        PROPERTIES.forEach(System::clearProperty);
        databento.close();
        cftc.close();
    }

    @AfterEach
    void clearStubs() {
        databento.reset();
        cftc.reset();
    }

    /** {@code marketlake --home <home> args...}: its exit code; what it printed in out and err. */
    int run(String... args) {
        Cli.Run run = Cli.inHome(home, args);
        out = run.out();
        err = run.err();
        return run.exit();
    }
}
