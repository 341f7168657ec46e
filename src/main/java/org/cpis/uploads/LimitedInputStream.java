package org.cpis.uploads;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Refuses, with 413, a body longer than the limit while it streams, so an over-large file is never read whole. */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) {
        count += n;
        if (count > limit) {
            throw new UploadRejectedException(
                    UploadRejectedException.Kind.TOO_LARGE,
                    "The file is larger than " + limit + " bytes; split it into several uploads");
        }
    }
}
