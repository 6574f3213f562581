package io.marketlake;

/** A setting or an argument that cannot work; the command line reports it and exits with status 2. */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
