package io.marketlake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The sample mode: each sample bundled in the jar through its pipeline's load route, no key and no network. */
public final class SampleIngest {

    private final Ingestion ingestion;
    private final Consumer<String> requireRoute;

    /** {@code requireRoute} refuses a route id that is not loaded, before a sample is sent to it. */
    public SampleIngest(Ingestion ingestion, Consumer<String> requireRoute) {
        this.ingestion = ingestion;
        this.requireRoute = requireRoute;
    }

    /** Every sample in the order of the index, each outcome told as it comes. */
    public List<Ingestion.Outcome> ingestAll(BiConsumer<Samples.Sample, Ingestion.Outcome> each) {
        List<Ingestion.Outcome> outcomes = new ArrayList<>();
        for (Samples.Sample sample : Samples.bundled()) {
            String route = sample.source() + "-load";
            requireRoute.accept(route);
            // a directory sample (several responses) is passed by its resource prefix
            Object payload = sample.resource().endsWith("/") ? sample.resource() : sample.payload();
            Ingestion.Outcome outcome = ingestion.ingest("direct:" + route, sample.market(), sample.date(), payload,
                    Map.of());
            outcomes.add(outcome);
            each.accept(sample, outcome);
        }
        return outcomes;
    }
}
