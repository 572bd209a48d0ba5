package io.salestargets.localstack.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a PostgreSQL database is, read from {@code DATABASE_URL}. Accepts the libpq URI form
 * ({@code postgres://user:password@host:5432/targets}, also {@code postgresql://}) and JDBC URLs
 * ({@code jdbc:postgresql://host:5432/targets?user=u&password=p}).
 */
public record DatabaseUrl(String host, int port, String database, String user, String password, Map<String, String> parameters) {

    public static final int DEFAULT_PORT = 5432;

    public DatabaseUrl {
        parameters = Map.copyOf(parameters);
    }

    /** The server on 127.0.0.1:5432 as Debian's and most developers' PostgreSQL has it. */
    public static DatabaseUrl localServer(String database) {
        return new DatabaseUrl("127.0.0.1", DEFAULT_PORT, database, "postgres", "", Map.of());
    }

    public static DatabaseUrl parse(String text) {
        String url = text.trim();
        boolean jdbc = url.startsWith("jdbc:");
        if (jdbc) {
            url = url.substring("jdbc:".length());
        }
        URI uri = URI.create(url);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql://");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                parameters.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        String user = parameters.remove("user");
        String password = parameters.remove("password");
        if (uri.getRawUserInfo() != null) {
            String[] info = uri.getRawUserInfo().split(":", 2);
            user = decode(info[0]);
            password = info.length > 1 ? decode(info[1]) : password;
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (uri.getHost() == null || database.isEmpty()) {
            throw new IllegalArgumentException("DATABASE_URL must name a host and a database, e.g. postgres://user:pw@host:5432/targets");
        }
        return new DatabaseUrl(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database,
                user == null ? "postgres" : user, password == null ? "" : password, parameters);
    }

    public String jdbcUrl() {
        String query = parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    public DatabaseUrl withCredentials(String user, String password) {
        return new DatabaseUrl(host, port, database, user, password, parameters);
    }

    public DatabaseUrl withDatabase(String name) {
        return new DatabaseUrl(host, port, name, user, password, parameters);
    }

    /** For logs: the URL without the password. */
    @Override
    public String toString() {
        return "postgres://" + user + "@" + host + ":" + port + "/" + database;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
