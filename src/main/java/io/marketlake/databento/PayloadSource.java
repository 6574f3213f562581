package io.marketlake.databento;

import java.io.IOException;
import java.io.Reader;

/** A response that can be opened for reading as often as needed: a landed file, a bundled resource. */
public interface PayloadSource {

    String name();

    Reader open() throws IOException;
}
