package dev.fahr.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MavenCoordinateTest {

    @Test
    void parsesTheThreeForms() {
        assertEquals(new MavenCoordinate("org.apache.commons", "commons-math3", "jar", "", "3.6.1"),
                MavenCoordinate.parse("org.apache.commons:commons-math3:3.6.1"));
        assertEquals(new MavenCoordinate("g", "a", "pom", "", "1"), MavenCoordinate.parse("g:a:pom:1"));
        assertEquals(new MavenCoordinate("org.nd4j", "nd4j-native", "jar", "linux-x86_64", "1.0.0-M2.1"),
                MavenCoordinate.parse(" org.nd4j:nd4j-native:jar:linux-x86_64:1.0.0-M2.1 "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"g:a:[1.0,2.0);[1.0,2.0)", "g:a:(,1.0];(,1.0]", "g:a:[1.5];[1.5]", "g:a:1.0-SNAPSHOT;1.0-SNAPSHOT"})
    void acceptsRangesAndSnapshots(String text, String version) {
        assertEquals(version, MavenCoordinate.parse(text).version());
    }

    @Test
    void printsTheCanonicalForm() {
        assertEquals("g:a:1", MavenCoordinate.parse("g:a:jar:1").toString());
        assertEquals("g:a:zip:1", MavenCoordinate.parse("g:a:zip:1").toString());
        assertEquals("g:a:jar:tests:1", MavenCoordinate.parse("g:a:jar:tests:1").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "commons-math3;expected groupId:artifactId:version",
            "g:a;expected groupId:artifactId:version",
            "g:a:b:c:d:e;expected groupId:artifactId:version",
            "g::1;the artifactId is empty",
            "g:a:;the version is missing",
            "g:a b:1;the artifactId 'a b' may hold only",
            "g:a:1.0,g:b:2.0;give several coordinates one by one"})
    void rejectsWithAReason(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MavenCoordinate.parse(text));
        assertTrue(e.getMessage().startsWith("invalid Maven coordinate '" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void aListSplitsOnSpacesAndCommasButNotInsideAVersionRange() {
        assertEquals(List.of(MavenCoordinate.of("g", "a", "[1,2)"), MavenCoordinate.of("g", "b", "1"),
                        MavenCoordinate.of("g", "c", "(,3.0]"), MavenCoordinate.of("g", "d", "2")),
                MavenCoordinate.parseList("g:a:[1,2), g:b:1   g:c:(,3.0],g:d:2"));
        assertEquals(List.of(), MavenCoordinate.parseList("  "));
        assertThrows(IllegalArgumentException.class, () -> MavenCoordinate.parseList("g:a:1 nonsense"));
    }
}
