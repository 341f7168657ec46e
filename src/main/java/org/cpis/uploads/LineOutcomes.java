package org.cpis.uploads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The outcome of every line of an upload, held compactly (a 500,000-line file in about 3 MB) until the batch is
 * applied, then written as the acknowledgement's gzipped "records" array.
 */
final class LineOutcomes {

    private static final byte LOADED = -1;
    private static final RejectionReason[] REASONS = RejectionReason.values();
    private static final UploadColumn[] COLUMNS = UploadColumn.values();

    private int[] lines = new int[1024];
    private byte[] reasons = new byte[1024];
    private byte[] columns = new byte[1024];
    private int size;
    private int rejected;

    int size() {
        return size;
    }

    int rejected() {
        return rejected;
    }

    void loaded(int line) {
        add(line, LOADED, (byte) -1);
    }

    void rejected(int line, RejectionReason reason, UploadColumn column) {
        add(line, (byte) reason.ordinal(), column == null ? -1 : (byte) column.ordinal());
        rejected++;
    }

    /** Lines the records store left out as duplicates: they become rejections. Lines arrive in ascending order. */
    void duplicates(List<Integer> duplicateLines) {
        for (int line : duplicateLines) {
            int i = Arrays.binarySearch(lines, 0, size, line);
            if (i >= 0 && reasons[i] == LOADED) {
                reasons[i] = (byte) RejectionReason.DUPLICATE_IN_FILE.ordinal();
                columns[i] = (byte) UploadColumn.NHS_NUMBER.ordinal();
                rejected++;
            }
        }
    }

    private void add(int line, byte reason, byte column) {
        if (size == lines.length) {
            lines = Arrays.copyOf(lines, size * 2);
            reasons = Arrays.copyOf(reasons, size * 2);
            columns = Arrays.copyOf(columns, size * 2);
        }
        lines[size] = line;
        reasons[size] = reason;
        columns[size] = column;
        size++;
    }

    interface RejectionSink {
        void accept(int line, RejectionReason reason, UploadColumn column);
    }

    void forEachRejection(RejectionSink sink) {
        for (int i = 0; i < size; i++) {
            if (reasons[i] != LOADED) {
                sink.accept(lines[i], REASONS[reasons[i]], columns[i] < 0 ? null : COLUMNS[columns[i]]);
            }
        }
    }

    /**
     * The JSON array of per-line outcomes, gzipped. The fastest compression level: the array is mostly the same
     * "LOADED" entry, which any level shrinks about twentyfold, and this runs while the LA's client waits.
     */
    byte[] gzippedJson() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, size * 4));
        try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            byte[] chunk = new byte[1 << 16];
            int n = 0;
            chunk[n++] = '[';
            for (int i = 0; i < size; i++) {
                if (n > chunk.length - 256) {
                    out.write(chunk, 0, n);
                    n = 0;
                }
                if (i > 0) {
                    chunk[n++] = ',';
                }
                n = ascii(chunk, n, "{\"line\":");
                n = ascii(chunk, n, Integer.toString(lines[i]));
                if (reasons[i] == LOADED) {
                    n = ascii(chunk, n, ",\"outcome\":\"LOADED\"}");
                } else {
                    n = ascii(chunk, n, ",\"outcome\":\"REJECTED\",\"reason\":\"");
                    n = ascii(chunk, n, REASONS[reasons[i]].name());
                    chunk[n++] = '"';
                    if (columns[i] >= 0) {
                        n = ascii(chunk, n, ",\"column\":\"");
                        n = ascii(chunk, n, COLUMNS[columns[i]].header());
                        chunk[n++] = '"';
                    }
                    chunk[n++] = '}';
                }
            }
            chunk[n++] = ']';
            out.write(chunk, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static int ascii(byte[] into, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            into[at++] = (byte) text.charAt(i);
        }
        return at;
    }
}
