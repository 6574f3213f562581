package io.marketlake.databento;

import java.io.IOException;
import java.io.Reader;

/**
 * The characters of a payload as they arrive, held from a kept position on, so a record's text can be cut
 * exactly as received (quotes, spaces, {@code 1.50}) without copying the text of the millions of records nobody
 * asks for. Positions count characters from the start of the payload. Reading is refused once more than a limit
 * of characters would be held past the kept position, so a record without an end cannot exhaust memory.
 */
final class PayloadText extends Reader {

    /** Refused: what is held from the kept position on reached the limit. */
    static final class TooLong extends IOException {
        TooLong(int limit) {
            super("more than " + limit + " characters without the end of the record");
        }
    }

    private static final int CHUNK = 1 << 16;
    /** Reads from the source are at least this long, unless the limit is near. */
    private static final int MIN_READ = 1 << 13;
    private static final char BOM = '\uFEFF';

    private final Reader source;
    private final int limit;
    private char[] buffer = new char[CHUNK];
    /** Position of buffer[0]; the buffer holds [base, base + held). */
    private long base;
    private int held;
    /** Next position handed out by {@link #read(char[], int, int)}; at most base + held. */
    private long next;
    private long kept;
    private boolean sourceEnded;

    PayloadText(Reader source, int limit) {
        this.source = source;
        this.limit = limit;
    }

    /** The next position to be read. */
    long position() {
        return next;
    }

    /** Characters before this position are no longer needed. */
    void keepFrom(long position) {
        if (position < base) {
            throw new IllegalStateException("position " + position + " is no longer held");
        }
        kept = position;
    }

    /** The character at a position, or -1 past the end of the payload or of what has been read so far. */
    int charAt(long position) {
        if (position < base) {
            throw new IllegalStateException("position " + position + " is no longer held");
        }
        return position < base + held ? buffer[(int) (position - base)] : -1;
    }

    /** The position after the last character read from the source so far. */
    long heldUntil() {
        return base + held;
    }

    /** Whether a position is the end of the payload, everything before it having been read. */
    boolean isEnd(long position) {
        return sourceEnded && position == base + held;
    }

    /** The text between two held positions. */
    String text(long from, long to) {
        charAt(from);
        return new String(buffer, (int) (from - base), (int) (Math.min(to, base + held) - from));
    }

    /**
     * Skips a UTF-8 byte order mark, which Java decoders hand over as a character, and the whitespace before the
     * first record; returns the number of line terminators skipped, for line numbers.
     */
    int skipBomAndWhitespace() throws IOException {
        if (peek() == BOM) {
            next++;
            kept = next;
        }
        int terminators = 0;
        int previous = -1;
        int c;
        while ((c = peek()) >= 0 && Character.isWhitespace(c)) {
            next++;
            kept = next;
            if (c == '\r' || c == '\n' && previous != '\r') {
                terminators++;
            }
            previous = c;
        }
        return terminators;
    }

    /** The next character without reading it, or -1 at the end. */
    int peek() throws IOException {
        if (next == base + held && !fill()) {
            return -1;
        }
        return buffer[(int) (next - base)];
    }

    /**
     * Position of the first line terminator ({@code \n} or {@code \r}) at or after a position, reading as needed;
     * the end of the payload when there is none.
     */
    long lineEnd(long from) throws IOException {
        long position = from;
        while (true) {
            int end = held;
            for (int i = (int) (position - base); i < end; i++) {
                char c = buffer[i];
                if (c == '\n' || c == '\r') {
                    return base + i;
                }
            }
            position = base + held;
            if (!fill()) {
                return position;
            }
        }
    }

    /**
     * Skips from a position past a number of line terminators ({@code \n}, {@code \r\n} or a lone {@code \r}, one
     * each), or to the end of the payload, without holding what it skips; reading goes on after them. Returns
     * how many were skipped.
     */
    long skipLines(long from, long terminators) throws IOException {
        next = from;
        keepFrom(from);
        long skipped = 0;
        int c;
        while (skipped < terminators && (c = peek()) >= 0) {
            next++;
            kept = next;
            if (c == '\n') {
                skipped++;
            } else if (c == '\r') {
                skipped++;
                if (peek() == '\n') {
                    next++;
                    kept = next;
                }
            }
        }
        return skipped;
    }

    /** Moves reading past the line terminator at a position, if there is one there. */
    void skipTerminator(long position) throws IOException {
        next = position;
        int c = peek();
        if (c == '\r') {
            next++;
            if (peek() == '\n') {
                next++;
            }
        } else if (c == '\n') {
            next++;
        }
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (next == base + held && !fill()) {
            return -1;
        }
        int count = (int) Math.min(length, base + held - next);
        System.arraycopy(buffer, (int) (next - base), target, offset, count);
        next += count;
        return count;
    }

    /** Reads more of the source after what is held; false at its end. */
    private boolean fill() throws IOException {
        if (sourceEnded) {
            return false;
        }
        long room = kept + limit - (base + held);
        if (room <= 0) {
            throw new TooLong(limit);
        }
        if (buffer.length - held < MIN_READ) {
            makeRoom();
        }
        int count = source.read(buffer, held, (int) Math.min(buffer.length - held, room));
        while (count == 0) {
            count = source.read(buffer, held, (int) Math.min(buffer.length - held, room));
        }
        if (count < 0) {
            sourceEnded = true;
            return false;
        }
        held += count;
        return true;
    }

    private void makeRoom() {
        int drop = (int) (kept - base);
        int keep = held - drop;
        char[] target = buffer.length - keep < MIN_READ ? new char[buffer.length * 2] : buffer;
        System.arraycopy(buffer, drop, target, 0, keep);
        buffer = target;
        base = kept;
        held = keep;
    }

    /** The source is the caller's to close. */
    @Override
    public void close() {
    }
}
