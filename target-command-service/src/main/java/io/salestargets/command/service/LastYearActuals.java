package io.salestargets.command.service;

import io.salestargets.command.domain.CommandRefused;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.PeriodProgress;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.targets.RowPath;
import io.salestargets.service.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A row's actuals per period of a past year, as the progress projector's REST API serves them (contract
 * section 5), asked with the caller's own bearer token, so that the projector's rights apply. The only
 * call from this service to the projector: a plan split by last year's pattern needs it.
 */
@ApplicationScoped
public class LastYearActuals {

    private static final Logger LOG = Logger.getLogger(LastYearActuals.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final int RETRY_AFTER_SECONDS = 5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final String progressBase;

    public LastYearActuals(@ConfigProperty(name = "projector.url") String projectorUrl) {
        this.progressBase = projectorUrl.replaceAll("/+$", "") + "/api/v1/progress";
    }

    /**
     * The row's actuals per period of its interval in that year (a negative month, possible for profit,
     * counts as none).
     *
     * @throws CommandRefused NOT_FOUND or FORBIDDEN as the projector answers them
     * @throws ProblemException 503 when the projector cannot be reached or fails
     */
    public List<BigDecimal> of(RowPath row, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(row.uri(progressBase)))
                .timeout(ANSWER_TIMEOUT)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warnf("progress projector at %s: %s", progressBase, e.toString());
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
        return switch (response.statusCode()) {
            case 200 -> EventJson.read(response.body(), ProgressView.class).periods().stream()
                    .map(PeriodProgress::actual)
                    .map(actual -> actual.signum() < 0 ? BigDecimal.ZERO : actual)
                    .toList();
            case 403 -> throw new CommandRefused(CommandRefused.Reason.FORBIDDEN, "Its actuals of " + row.year() + " may not be read");
            case 404 -> throw new CommandRefused(CommandRefused.Reason.NOT_FOUND, "No actuals of " + row.year() + " to read");
            default -> {
                LOG.warnf("progress projector answered %d for %s", response.statusCode(), request.uri());
                throw unavailable();
            }
        };
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable("The progress projector, which holds last year's actuals, cannot be reached; "
                + "try again, or split evenly or by working days", RETRY_AFTER_SECONDS);
    }
}
