package io.marketlake.cot;

/** The text of one CFTC file as downloaded (unzipped when it came as a zip), and where it came from. */
public record CotFile(String source, String text) {

    /** How the file appears in a dead letter: its source, then its text. */
    @Override
    public String toString() {
        return "==> " + source + "\n" + text;
    }
}
