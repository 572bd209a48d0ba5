package io.salestargets.progress.differential;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Version 1 of the projector ({@code firstversion}, frozen at 6dd31d6) against the reference computed from the stream
 * alone ({@link Reference}): after any generated stream ({@link InputStreams}), every view on {@code targets.progress}
 * has the reference's figures (as numbers: version 1's decimal scales depend on the history), no view is missing or
 * extra, and the same {@code TargetAttained} records come with the same publications. This is what makes version 1 the
 * comparison for its successor. Where version 1 departs from the contract, the reference says so by name
 * ({@link Reference.Deviation}).
 */
class FirstVersionAgreesWithReferenceTest {

    /** Some 100 ms each (a driver per stream, some 5 ms per record). */
    static final int EXAMPLES = 200;
    /** Steps per stream, at most: some 1 to 40 inputs. */
    static final int MAX_STEPS = 30;

    private int views;
    private int attained;

    @Test
    void everyViewAndEveryTargetAttainedIsTheReferences() {
        InputStreams.check("firstVersionAgreesWithReference", EXAMPLES, MAX_STEPS, stream -> {
            try (ProgressTopicDriver projector = ProgressTopicDriver.firstVersion()) {
                projector.sendAll(stream.list());
                ProgressTopic published = projector.progress();
                ViewComparison.assertSame("version 1 against the reference", Reference.of(stream.list(), Reference.FIRST_VERSION),
                        published, ViewComparison.Decimals.NUMERIC);
                views += published.views().size();
                attained += published.attained().size();
            }
        });
        System.out.println("firstVersionAgreesWithReference: " + views + " views and " + attained + " TargetAttained compared");
        assertThat(attained).as("streams in which targets are reached").isGreaterThan(EXAMPLES / 10);
    }
}
