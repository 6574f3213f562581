package io.marketlake.options;

import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.Landing;
import java.nio.file.Path;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** Finds the chain's three responses: the files an ingest downloaded, or bundled samples. */
public final class ChainResponses {

    public OptionsPayloads downloaded(@ExchangeProperty(IngestProperties.PAYLOAD) Landing landing) {
        return OptionsPayloads.fromFiles(landing.files().stream().map(Path::toString).toList());
    }

    /** Bundled responses under a classpath prefix. */
    public OptionsPayloads bundled(@Body String resourcePrefix) {
        return OptionsPayloads.fromResources(resourcePrefix.endsWith("/") ? resourcePrefix : resourcePrefix + "/");
    }
}
