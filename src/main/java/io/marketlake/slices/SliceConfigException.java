package io.marketlake.slices;

import io.marketlake.ConfigurationException;
import java.util.List;

/** A run config that cannot run, with every problem found. */
public class SliceConfigException extends ConfigurationException {

    public SliceConfigException(List<String> problems) {
        super("invalid slice run config: " + String.join("; ", problems));
    }

    public SliceConfigException(String problem) {
        super(problem);
    }
}
