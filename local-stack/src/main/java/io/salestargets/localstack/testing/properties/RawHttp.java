package io.salestargets.localstack.testing.properties;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: the request goes out byte for byte as
 * the property made it (a request target no URI class would accept, a body of any bytes, any
 * header), which an HTTP client library would refuse or "fix". Reads the status, the headers and the
 * body (by {@code Content-Length}, chunked, or to the end); a server-sent event stream only up to its
 * headers. A server that does not answer within {@link #TIMEOUT_MILLIS} fails the request.
 */
public final class RawHttp {

    public static final int TIMEOUT_MILLIS = 20_000;

    private final String host;
    private final int port;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {

        public Request {
            headers = List.copyOf(headers);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(method).append(' ').append(printable(target, 300));
            headers.forEach(header -> text.append("\n  ").append(header.getKey()).append(": ").append(printable(header.getValue(), 200)));
            if (body != null) {
                text.append("\n  body (").append(body.length).append(" bytes): ")
                        .append(printable(new String(body, StandardCharsets.UTF_8), 400));
            }
            return text.toString();
        }
    }

    public record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {

        /** The first value of a header, by name in any case; null when absent. */
        public String header(String name) {
            return headers.stream().filter(header -> header.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + printable(text(), 600);
        }
    }

    /**
     * Sends the request and reads the answer. Vert.x answers some requests (a body or headers over
     * the limits) before it has read them, and closes the connection: a write that fails then still
     * reads that answer, and a request whose answer was lost to the reset is sent again (up to five times).
     */
    public Response send(Request request) {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 5_000);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                try {
                    write(socket.getOutputStream(), request);
                } catch (IOException e) {
                    last = e; // the server may have answered and closed already: read what it said
                }
                try {
                    return read(socket.getInputStream(), request.method().equals("HEAD"));
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("no answer within " + TIMEOUT_MILLIS + " ms to " + request, e);
                } catch (IOException e) {
                    last = e;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new AssertionError("the connection failed five times without an answer to " + request, last);
    }

    private void write(OutputStream out, Request request) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append(':').append(port).append("\r\n");
        for (Map.Entry<String, String> header : request.headers()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (request.body() != null) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (request.body() != null) {
            out.write(request.body());
        }
        out.flush();
    }

    private static Response read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new AssertionError("not an HTTP answer: " + printable(statusLine, 200));
        }
        int status = Integer.parseInt(parts[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.add(Map.entry(colon < 0 ? line : line.substring(0, colon).trim(), colon < 0 ? "" : line.substring(colon + 1).trim()));
        }
        Response headOnly = new Response(status, headers, new byte[0]);
        String type = headOnly.header("Content-Type");
        if (head || status == 204 || status == 304 || type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            return headOnly; // a stream of events does not end: its headers are the answer
        }
        String length = headOnly.header("Content-Length");
        String encoding = headOnly.header("Transfer-Encoding");
        byte[] body;
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = chunked(in);
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length.trim()));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("chunked body cut short");
            }
            int semicolon = size.indexOf(';');
            int bytes = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (bytes == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not used
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(bytes));
            line(in);
        }
    }

    /** One line without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Text for a report: control characters and lone surrogates escaped, cut at {@code max} characters. */
    public static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return i < text.length() ? out + "... (" + text.length() + " characters)" : out.toString();
    }
}
