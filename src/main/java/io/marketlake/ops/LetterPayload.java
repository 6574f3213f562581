package io.marketlake.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.cot.CotFile;
import io.marketlake.databento.DatabentoResponses;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.LandedFiles;
import io.marketlake.ops.DeadLetter.PayloadKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;

/**
 * The part of a letter that holds the original payload, and the kind a replay reads to re-drive it: text as
 * received (redacted) stays in the letter; landed downloads move beside it; binary content (a DBN response, a COT
 * zip, a COT file that is not text) is written beside it byte for byte, never into the JSON, and listed in a
 * manifest. Without a payload, what
 * was sent (the message body) is kept.
 */
final class LetterPayload {

    // the file consumer's header (camel-file FileConstants), the path the trading inbox passes as its payload
    private static final String FILE_ABSOLUTE_PATH = "CamelFileAbsolutePath";
    /** The name (before its suffix) of a binary Databento response kept from memory; a replay loads it again. */
    static final String RESPONSE = "response";
    private static final String PAYLOAD_WITHHELD = "payload_withheld";

    private final Redactor redactor;
    private final DeadFiles files;

    LetterPayload(Redactor redactor, DeadFiles files) {
        this.redactor = redactor;
        this.files = files;
    }

    /** Puts the payload of the exchange into the letter, keeping files in {@code payloadDirectory} under dead/. */
    void keep(Exchange exchange, ObjectNode letter, String payloadDirectory) {
        Object payload = exchange.getProperty(IngestProperties.PAYLOAD);
        if (payload instanceof LandedFiles landed) {
            if (!landed.files().isEmpty()) {
                DeadFiles.Moved moved = files.moveLanded(landed.files(), payloadDirectory);
                if (moved.kept().isEmpty() && !moved.withheld().isEmpty()) {
                    withheld(letter, moved.withheld());
                    return;
                }
                keptFiles(letter, moved.kept().stream().map(kept -> manifestEntry(kept, null)).toList());
                if (!moved.withheld().isEmpty()) {
                    moved.withheld().forEach(letter.putArray(PAYLOAD_WITHHELD)::add);
                }
                return;
            }
            payload = null;
        }
        if (payload instanceof byte[] bytes) {
            keepBinary(letter, bytes, payloadDirectory);
        } else if (payload instanceof Collection<?> cotFiles && !cotFiles.isEmpty()
                && cotFiles.stream().allMatch(CotFile.class::isInstance)) {
            keepCotFiles(letter, cotFiles.stream().map(CotFile.class::cast).toList(), payloadDirectory);
        } else if (payload != null) {
            String text = exchange.getProperty(IngestProperties.PAYLOAD, String.class);
            // an inbox file stays where the inbox puts it (.failed/): its path is the payload
            boolean droppedFile = text != null
                    && text.equals(exchange.getMessage().getHeader(FILE_ABSOLUTE_PATH, String.class));
            letter.put(DeadLetter.PAYLOAD_KIND, (droppedFile ? PayloadKind.FILE : PayloadKind.RESPONSE).json());
            letter.put(DeadLetter.PAYLOAD, redactor.redact(text));
        } else {
            Object body = exchange.getMessage().getBody();
            if (body instanceof byte[] bytes) {
                keepBinary(letter, bytes, payloadDirectory);
            } else if (body instanceof String request) {
                letter.put(DeadLetter.PAYLOAD_KIND, PayloadKind.REQUEST.json());
                letter.put(DeadLetter.PAYLOAD, redactor.redact(request));
            } else {
                letter.put(DeadLetter.PAYLOAD_KIND, PayloadKind.NONE.json());
                letter.put(DeadLetter.PAYLOAD, body == null ? null : "(" + body.getClass().getSimpleName() + ", not kept)");
            }
        }
    }

    /**
     * Binary content as one file beside the letter, named by what it is: a zip, a Databento response
     * ({@value #RESPONSE}{@code .dbn}, {@code .dbn.zst}, {@code .zst}: the bytes received, which Databento's own tools
     * read and a replay loads again), anything else {@code payload.bin}. A response that echoes a secret is not kept.
     */
    private void keepBinary(ObjectNode letter, byte[] bytes, String payloadDirectory) {
        boolean zip = bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
        String response = zip ? null : DatabentoResponses.binarySuffix(bytes);
        if (response != null && files.echoesSecret(bytes)) {
            withheld(letter, List.of(RESPONSE + response));
            return;
        }
        String name = zip ? "payload.zip" : response != null ? RESPONSE + response : "payload.bin";
        keptFiles(letter, List.of(manifestEntry(files.write(payloadDirectory, name, bytes), null)));
    }

    /** Binary responses that echo a secret, left out of the letter (masking them would break them). */
    private static void withheld(ObjectNode letter, List<String> names) {
        letter.put(DeadLetter.PAYLOAD_KIND, PayloadKind.NONE.json());
        letter.put(DeadLetter.PAYLOAD, "(not kept: binary response(s) echoing a secret, which cannot be masked)");
        ArrayNode withheld = letter.putArray(PAYLOAD_WITHHELD);
        names.forEach(withheld::add);
    }

    /** COT files as downloaded: text in the letter, each file beside it when any of them is not text. */
    private void keepCotFiles(ObjectNode letter, List<CotFile> cotFiles, String payloadDirectory) {
        ArrayNode sources = letter.putArray(DeadLetter.PAYLOAD_SOURCES);
        cotFiles.forEach(file -> sources.add(file.source()));
        if (cotFiles.stream().noneMatch(file -> binary(file.text()))) {
            letter.put(DeadLetter.PAYLOAD_KIND, PayloadKind.RESPONSE.json());
            letter.put(DeadLetter.PAYLOAD, redactor.redact(cotFiles.stream().map(CotFile::toString)
                    .collect(Collectors.joining("\n"))));
            return;
        }
        List<ObjectNode> kept = new ArrayList<>();
        for (int i = 0; i < cotFiles.size(); i++) {
            CotFile file = cotFiles.get(i);
            kept.add(manifestEntry(files.write(payloadDirectory, "file-" + (i + 1) + ".txt",
                    file.text().getBytes(StandardCharsets.UTF_8)), file.source()));
        }
        keptFiles(letter, kept);
    }

    /** A decoded text holding NUL or replacement characters came from bytes that are not UTF-8 text. */
    private static boolean binary(String text) {
        return text.indexOf('\u0000') >= 0 || text.indexOf('\uFFFD') >= 0;
    }

    private static void keptFiles(ObjectNode letter, List<ObjectNode> kept) {
        letter.put(DeadLetter.PAYLOAD_KIND, (kept.size() == 1 ? PayloadKind.FILE : PayloadKind.FILES).json());
        letter.put(DeadLetter.PAYLOAD, kept.size() + " file(s) beside this letter, see payload_files");
        ArrayNode paths = letter.putArray(DeadLetter.PAYLOAD_FILES);
        kept.forEach(entry -> paths.add(entry.get("path").asText()));
        letter.putArray(DeadLetter.PAYLOAD_MANIFEST).addAll(kept);
    }

    private static ObjectNode manifestEntry(DeadFiles.Kept kept, String source) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("path", kept.path());
        entry.put("size", kept.size());
        entry.put("sha256", kept.sha256());
        if (source != null) {
            entry.put("source", source);
        }
        return entry;
    }
}
