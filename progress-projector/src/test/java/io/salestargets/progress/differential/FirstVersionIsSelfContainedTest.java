package io.salestargets.progress.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Version 1's twin uses nothing of the projector's main code, which is being rewritten: it would change with it. */
class FirstVersionIsSelfContainedTest {

    private static final Path FIRST_VERSION = Path.of("src/test/java/io/salestargets/progress/firstversion");
    private static final Pattern OUTSIDE = Pattern.compile("^import (static )?io\\.salestargets\\.progress\\.(?!firstversion\\.).*",
            Pattern.MULTILINE);

    @Test
    void itImportsNothingOfTheProjectorOutsideItself() throws IOException {
        try (Stream<Path> files = Files.walk(FIRST_VERSION)) {
            List<Path> sources = files.filter(file -> file.toString().endsWith(".java")).toList();
            assertThat(sources).hasSizeGreaterThan(10);
            for (Path source : sources) {
                assertThat(OUTSIDE.matcher(Files.readString(source)).results().map(match -> match.group()).toList())
                        .as("imports of %s from outside firstversion", source).isEmpty();
            }
        }
    }
}
