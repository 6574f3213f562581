package io.marketlake.slices;

import io.marketlake.ConfigurationException;

/** A run with this id is sealed already: runs are never overwritten. */
public class SliceRunSealedException extends ConfigurationException {

    public SliceRunSealedException(String message) {
        super(message);
    }
}
