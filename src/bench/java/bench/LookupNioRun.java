package bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The default load generator: one thread drives every client's keep-alive HTTP/1.1 connection through a selector, in a
 * closed loop (each connection sends its next request when the previous response has been read in full), as wrk does.
 * A thread per client costs the shared two cores a thread wake-up per response; this costs one {@code epoll_wait} for
 * however many responses are ready, so the hub gets the CPU a real client fleet would not take from it.
 *
 * <p>Latency is from the request's first byte written to its response's last byte read. A response counts as found
 * only if it is HTTP 200 with a Bundle {@code "total"} of at least 1.
 */
final class LookupNioRun {

    /** The bytes of one request (a fresh NHS number and trace id each time). */
    @FunctionalInterface
    interface Requests {
        byte[] next(int client, long sequence) throws Exception;
    }

    private static final byte[] TOTAL = "\"total\":".getBytes(StandardCharsets.US_ASCII);

    private LookupNioRun() {}

    static LookupRun.Result run(
            String name,
            int port,
            int clients,
            Duration warmup,
            Duration measure,
            Requests requests,
            LookupRun.Window window,
            java.util.function.Supplier<LookupCounters.Usage> usage)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Object> outcome = new AtomicReference<>();
        long start = System.nanoTime();
        long measureStart = start + warmup.toNanos();
        long measureEnd = measureStart + measure.toNanos();
        Thread loop = new Thread(
                () -> {
                    try {
                        outcome.set(loop(port, clients, requests, measureStart, measureEnd, stop));
                    } catch (Throwable e) {
                        outcome.set(e);
                    }
                },
                "bench-nio-" + name);
        loop.setDaemon(true);
        loop.start();
        sleepUntil(measureStart);
        window.opened();
        sleepUntil(measureEnd);
        window.closed();
        stop.set(true);
        loop.join(Duration.ofMinutes(2).toMillis());
        if (outcome.get() instanceof Throwable e) {
            throw new IllegalStateException("load generator failed", e);
        }
        Tally tally = (Tally) outcome.get();
        Timeline.write(name, measureStart, tally.ends, tally.samples, tally.count);
        long[] sorted = Arrays.copyOf(tally.samples, tally.count);
        Arrays.sort(sorted);
        return new LookupRun.Result(
                name,
                clients,
                sorted.length,
                tally.errors,
                tally.empty,
                tally.firstError,
                measure.toNanos() / 1e9,
                sorted,
                usage.get());
    }

    private static final class Tally {
        long[] samples = new long[1 << 16];
        // When each sample's response ended (nanoTime), for the timeline (bench.timeline).
        long[] ends = new long[1 << 16];
        int count;
        long errors;
        long empty;
        String firstError;

        void sample(long nanos, long endedAt) {
            if (count == samples.length) {
                samples = Arrays.copyOf(samples, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            ends[count] = endedAt;
            samples[count++] = nanos;
        }

        void error(String what) {
            errors++;
            if (firstError == null) {
                firstError = what;
            }
        }
    }

    /** One client's connection: the request being written and the response being read. */
    private static final class Connection {
        final int client;
        SocketChannel channel;
        ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        long sequence;
        long sentAt;

        Connection(int client, SocketChannel channel) {
            this.client = client;
            this.channel = channel;
        }
    }

    private static Tally loop(
            int port, int clients, Requests requests, long measureStart, long measureEnd, AtomicBoolean stop)
            throws Exception {
        Tally tally = new Tally();
        try (Selector selector = Selector.open()) {
            for (int c = 0; c < clients; c++) {
                Connection connection = new Connection(c, open(port));
                send(connection, requests);
                connection.channel.register(selector, SelectionKey.OP_WRITE, connection);
            }
            while (!stop.get()) {
                if (selector.select(1000) == 0) {
                    continue;
                }
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    Connection connection = (Connection) key.attachment();
                    if (key.isWritable()) {
                        connection.channel.write(connection.out);
                        if (!connection.out.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    } else if (key.isReadable()) {
                        if (connection.channel.read(connection.in) < 0) {
                            if (connection.in.position() > 0) {
                                throw new IOException("the hub closed a connection mid-response");
                            }
                            // Closed between requests (Tomcat's keep-alive limit): the same request again on a new
                            // connection, as an HTTP client library does.
                            key.cancel();
                            connection.channel.close();
                            connection.channel = open(port);
                            connection.out.rewind();
                            connection.channel.register(selector, SelectionKey.OP_WRITE, connection);
                            continue;
                        }
                        int end = complete(connection.in);
                        if (end == 0) {
                            if (!connection.in.hasRemaining()) {
                                connection.in = ByteBuffer.allocate(connection.in.capacity() * 2)
                                        .put(connection.in.flip());
                            }
                            continue;
                        }
                        long t1 = System.nanoTime();
                        judge(connection.in, end, tally);
                        if (connection.sentAt - measureStart >= 0 && t1 - measureEnd <= 0) {
                            tally.sample(t1 - connection.sentAt, t1);
                        }
                        // Closed loop: HTTP/1.1 without pipelining, so nothing follows the response.
                        boolean close = indexOfIgnoreCase(connection.in.array(), end, "\r\nconnection: close\r\n") >= 0;
                        connection.in.clear();
                        if (close) {
                            // Tomcat's keep-alive limit: the next request on a new connection.
                            key.cancel();
                            connection.channel.close();
                            connection.channel = open(port);
                            key = connection.channel.register(selector, SelectionKey.OP_READ, connection);
                        }
                        send(connection, requests);
                        connection.channel.write(connection.out);
                        key.interestOps(connection.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                    }
                }
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        }
        return tally;
    }

    private static SocketChannel open(int port) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("localhost", port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        return channel;
    }

    private static void send(Connection connection, Requests requests) throws Exception {
        connection.out = ByteBuffer.wrap(requests.next(connection.client, connection.sequence++));
        connection.sentAt = System.nanoTime();
    }

    /**
     * The length of the complete response at the start of {@code in} (position = bytes read so far), or 0 if more is
     * to come. Bodies have a Content-Length (the hub's responses fit Tomcat's buffer); chunked ones are read to their
     * last chunk.
     */
    static int complete(ByteBuffer in) {
        byte[] b = in.array();
        int n = in.position();
        int headersEnd = indexOf(b, 0, n, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (headersEnd < 0) {
            return 0;
        }
        int bodyStart = headersEnd + 4;
        long length = headerNumber(b, bodyStart, "content-length");
        if (length >= 0) {
            return n >= bodyStart + length ? (int) (bodyStart + length) : 0;
        }
        // Chunked: complete once the terminating zero-length chunk has arrived.
        int last = indexOf(b, bodyStart, n, "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return last < 0 ? 0 : last + 7;
    }

    private static void judge(ByteBuffer in, int end, Tally tally) {
        byte[] b = in.array();
        int status = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
        if (status != 200) {
            tally.error("HTTP " + status);
            return;
        }
        int total = indexOf(b, 0, end, TOTAL);
        if (total < 0 || !(b[total + TOTAL.length] >= '1' && b[total + TOTAL.length] <= '9')) {
            tally.empty++;
        }
    }

    private static long headerNumber(byte[] b, int headersEnd, String lowerName) {
        int i = 0;
        while (i < headersEnd) {
            int lineEnd = indexOf(b, i, headersEnd, new byte[] {'\r', '\n'});
            if (lineEnd < 0) {
                lineEnd = headersEnd;
            }
            if (lineEnd - i > lowerName.length()
                    && b[i + lowerName.length()] == ':'
                    && new String(b, i, lowerName.length(), StandardCharsets.US_ASCII).equalsIgnoreCase(lowerName)) {
                return Long.parseLong(new String(
                                b,
                                i + lowerName.length() + 1,
                                lineEnd - i - lowerName.length() - 1,
                                StandardCharsets.US_ASCII)
                        .trim());
            }
            i = lineEnd + 2;
        }
        return -1;
    }

    private static int indexOfIgnoreCase(byte[] b, int to, String lower) {
        outer:
        for (int i = 0; i <= to - lower.length(); i++) {
            for (int j = 0; j < lower.length(); j++) {
                if (Character.toLowerCase(b[i + j]) != lower.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int indexOf(byte[] b, int from, int to, byte[] what) {
        outer:
        for (int i = from; i <= to - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }
}
