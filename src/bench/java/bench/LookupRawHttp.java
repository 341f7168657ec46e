package bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking HTTP/1.1 keep-alive client for one worker thread: GET only, Content-Length or chunked bodies. It
 * costs the shared CPUs far less than {@code java.net.http.HttpClient}, so {@code client=raw} shows how much of the
 * machine the load generator itself takes from the hub.
 */
final class LookupRawHttp implements AutoCloseable {

    record Response(int status, String body) {}

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    LookupRawHttp(int port) {
        this.port = port;
    }

    Response get(String pathAndQuery, String... headers) throws IOException {
        StringBuilder request = new StringBuilder(512);
        request.append("GET ")
                .append(pathAndQuery)
                .append(" HTTP/1.1\r\nHost: localhost:")
                .append(port);
        request.append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("\r\n");
        byte[] bytes = request.toString().getBytes(StandardCharsets.US_ASCII);
        if (socket == null) {
            connect();
        }
        try {
            out.write(bytes);
            out.flush();
            return read();
        } catch (IOException e) {
            // The server may have closed an idle kept-alive connection: one fresh try.
            close();
            connect();
            out.write(bytes);
            out.flush();
            return read();
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress("localhost", port), 10_000);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    private Response read() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(2048);
        if (chunked) {
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt(
                        semicolon < 0
                                ? size.trim()
                                : size.substring(0, semicolon).trim(),
                        16);
                if (n == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                body.write(in.readNBytes(n));
                line();
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        }
        if (close) {
            close();
        }
        return new Response(status, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c == '\n') {
                int len = line.length();
                return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
            }
            line.append((char) c);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }
}
