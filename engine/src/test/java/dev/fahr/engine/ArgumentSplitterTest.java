package dev.fahr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ArgumentSplitterTest {

    @Test
    void whitespaceSeparatesWordsAndRunsOfItCollapse() {
        assertEquals(List.of("a", "b", "c"), ArgumentSplitter.split("  a b \t c\n"));
        assertEquals(List.of(), ArgumentSplitter.split(""));
        assertEquals(List.of(), ArgumentSplitter.split("   "));
    }

    @Test
    void singleQuotesInsideAnOptionKeepSpacesAndDisappear() {
        assertEquals(List.of("--x=a b", "--train-driver=sagemaker"),
                ArgumentSplitter.split("--x='a b' --train-driver='sagemaker'"));
    }

    @Test
    void doubleQuotesKeepSpacesAndHonourBackslashEscapes() {
        assertEquals(List.of("say \"hi\" now", "next"), ArgumentSplitter.split("\"say \\\"hi\\\" now\" next"));
    }

    @Test
    void singleQuotesKeepBackslashesAndDoubleQuotesLiterally() {
        assertEquals(List.of("C:\\dir \"x\""), ArgumentSplitter.split("'C:\\dir \"x\"'"));
    }

    @Test
    void aBackslashOutsideQuotesEscapesTheNextCharacter() {
        assertEquals(List.of("a b", "c"), ArgumentSplitter.split("a\\ b c"));
    }

    @Test
    void adjacentQuotedAndUnquotedPartsFormOneWord() {
        assertEquals(List.of("abc def"), ArgumentSplitter.split("ab'c d'\"ef\""));
    }

    @Test
    void emptyQuotesAreAnEmptyWord() {
        assertEquals(List.of("", "x"), ArgumentSplitter.split("'' x"));
    }

    @Test
    void anUnclosedQuoteIsAnErrorNamingTheQuote() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArgumentSplitter.split("--x='a b"));
        assertTrue(e.getMessage().contains("unclosed ' quote"), e.getMessage());
    }
}
