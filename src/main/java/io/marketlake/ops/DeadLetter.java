package io.marketlake.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.Timestamps;
import io.marketlake.cot.CotSelection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A failed exchange's dead letter as {@link DeadLetters} writes it, read back for listing and replay. Its id is its
 * file name without {@value #SUFFIX}: the failure instant and a random suffix, unique in the whole dead area. The
 * letter's text fields are kept; the payload itself is read from the file only when a replay needs it.
 */
public record DeadLetter(String id, String relativePath, ObjectNode fields) {

    public static final String SUFFIX = "-failed.json";
    private static final String PAYLOAD_DIRECTORY = "-payload";

    static final String SOURCE = "source";
    static final String MARKET = "market";
    static final String TRADING_DATE = "trading_date";
    static final String FAILED_AT = "failed_at";
    static final String REASON = "reason";
    static final String EXCEPTION = "exception";
    static final String PAYLOAD = "payload";
    static final String PAYLOAD_KIND = "payload_kind";
    static final String PAYLOAD_FILES = "payload_files";
    static final String PAYLOAD_MANIFEST = "payload_manifest";
    static final String PAYLOAD_SOURCES = "payload_sources";
    static final String COT_SELECTION = "cot_selection";
    static final String REPLAY_OF = "replay_of";
    static final String SUPERSEDED_BY = "superseded_by";
    static final String SUPERSEDED_AT = "superseded_at";
    static final String REPLAY = "replay";

    /** What the payload of a letter is; it decides how a replay can re-drive it. */
    public enum PayloadKind {
        /** "payload" holds the text as received: a vendor's response, a dropped config. */
        RESPONSE,
        /** "payload" holds the request that was sent; nothing came back. */
        REQUEST,
        /** One file: in "payload_files" beside the letter, or (a dropped inbox file) its path in "payload". */
        FILE,
        /** Several files beside the letter, in "payload_files". */
        FILES,
        /** Nothing could be kept. */
        NONE;

        public String json() {
            return name().toLowerCase();
        }

        static PayloadKind of(String json) {
            for (PayloadKind kind : values()) {
                if (kind.json().equals(json)) {
                    return kind;
                }
            }
            return null;
        }
    }

    // "20260217T183000123Z-1a2b3c4d": nothing that could name another path
    private static final Pattern ID = Pattern.compile("[0-9]{8}T[0-9]{9}Z-[A-Za-z0-9]{1,32}");

    public static boolean isId(String candidate) {
        return candidate != null && ID.matcher(candidate).matches();
    }

    /** The id of a letter failed at {@code failedAt}. */
    static String newId(Instant failedAt) {
        return Timestamps.COMPACT.format(failedAt) + "-" + uniqueSuffix();
    }

    /** Random, not the exchange's counter: two processes failing in the same millisecond must not share an id. */
    static String uniqueSuffix() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** The name of the letter file of an id. */
    static String fileName(String id) {
        return id + SUFFIX;
    }

    /** The id a file name holds, when it is the name of a letter. */
    static Optional<String> idOf(String fileName) {
        if (!fileName.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String id = fileName.substring(0, fileName.length() - SUFFIX.length());
        return isId(id) ? Optional.of(id) : Optional.empty();
    }

    /** The name of the directory beside a letter that holds its payload files. */
    static String payloadDirectoryName(String id) {
        return id + PAYLOAD_DIRECTORY;
    }

    static boolean isPayloadDirectory(String name) {
        return name.endsWith(PAYLOAD_DIRECTORY);
    }

    public String source() {
        return text(SOURCE, segment(0));
    }

    public String market() {
        return text(MARKET, segment(1));
    }

    public String tradingDate() {
        return text(TRADING_DATE, segment(2));
    }

    public Optional<LocalDate> date() {
        try {
            return Optional.of(LocalDate.parse(tradingDate()));
        } catch (RuntimeException notADate) {
            return Optional.empty();
        }
    }

    public String failedAt() {
        return text(FAILED_AT, "");
    }

    public String reason() {
        return text(REASON, "");
    }

    /** The class of what went wrong under Camel's wrappers. */
    public String exception() {
        return text(EXCEPTION, "");
    }

    /**
     * Letters written before payload_kind existed: landed files are files; anything else is taken as a request, so
     * their replay asks the vendor again rather than trusting a payload of unknown kind.
     */
    public PayloadKind payloadKind() {
        PayloadKind kind = PayloadKind.of(text(PAYLOAD_KIND, null));
        if (kind != null) {
            return kind;
        }
        return payloadFiles().isEmpty() ? PayloadKind.REQUEST : PayloadKind.FILES;
    }

    /** Paths under dead/ of the files holding the payload. */
    public List<String> payloadFiles() {
        List<String> files = new ArrayList<>();
        fields.path(PAYLOAD_FILES).forEach(node -> files.add(node.asText()));
        return files;
    }

    /**
     * The path under dead/ of the binary response kept beside this letter, when it holds one: a DBN (or zstd)
     * response held in memory, kept byte for byte as {@code response.dbn}, {@code response.dbn.zst} or
     * {@code response.zst}.
     */
    public Optional<String> storedBinaryResponse() {
        List<String> files = payloadFiles();
        if (payloadKind() != PayloadKind.FILE || files.size() != 1) {
            return Optional.empty();
        }
        String name = files.get(0).substring(files.get(0).lastIndexOf('/') + 1);
        return List.of(".dbn", ".dbn.zst", ".zst").stream().anyMatch(s -> name.equals(LetterPayload.RESPONSE + s))
                ? Optional.of(files.get(0)) : Optional.empty();
    }

    /** Where the downloaded COT text files of the payload came from, in order. */
    public List<String> payloadSources() {
        List<String> sources = new ArrayList<>();
        fields.path(PAYLOAD_SOURCES).forEach(node -> sources.add(node.asText()));
        return sources;
    }

    public Optional<CotSelection> cotSelection() {
        JsonNode node = fields.get(COT_SELECTION);
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new CotSelection(CotSelection.Kind.valueOf(node.path("kind").asText()),
                date(node, "from"), date(node, "to"), node.path("latest").asInt()));
    }

    public Optional<String> supersededBy() {
        return Optional.ofNullable(text(SUPERSEDED_BY, null));
    }

    /** The directory under dead/ that holds this letter's payload files, if it has any. */
    public String payloadDirectory() {
        return directory() + payloadDirectoryName(id);
    }

    /** The letter's directory under dead/, with its trailing slash (or empty). */
    String directory() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? "" : relativePath.substring(0, slash + 1);
    }

    static ObjectNode selection(ObjectNode node, CotSelection selection) {
        node.put("kind", selection.kind().name());
        node.put("from", selection.from() == null ? null : selection.from().toString());
        node.put("to", selection.to() == null ? null : selection.to().toString());
        node.put("latest", selection.latest());
        return node;
    }

    private static LocalDate date(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : LocalDate.parse(value.asText());
    }

    private String text(String field, String fallback) {
        JsonNode value = fields.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? fallback : value.asText();
    }

    /** source/market/date from the letter's place, for a letter whose fields could not be read. */
    private String segment(int index) {
        String[] segments = relativePath.split("/");
        return segments.length > 3 ? segments[index] : "unknown";
    }
}
