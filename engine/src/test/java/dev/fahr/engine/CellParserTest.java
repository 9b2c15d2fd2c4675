package dev.fahr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class CellParserTest {

    private final CellParser parser = new CellParser();

    @Test
    void plainJavaIsOneCodePartStartingAtLineOne() {
        String cell = "int a = 1;\nint b = a % 2;\nb";
        assertEquals(List.of(new CellPart.Code(cell, 1)), parser.parse(cell));
    }

    @Test
    void blankCellHasNoParts() {
        assertEquals(List.of(), parser.parse(""));
        assertEquals(List.of(), parser.parse("  \n\t\n"));
    }

    @Test
    void lineMagicBetweenCodeLinesSplitsTheCodeAndKeepsLineNumbers() {
        List<CellPart> parts = parser.parse("int a = 1;\n%jars 'lib dir/x.jar' --x='a b'\nint b = 2;\nb");
        assertEquals(List.of(
                new CellPart.Code("int a = 1;", 1),
                new CellPart.LineMagic("jars", List.of("lib dir/x.jar", "--x=a b"), "'lib dir/x.jar' --x='a b'", 2),
                new CellPart.Code("int b = 2;\nb", 3)), parts);
    }

    @Test
    void indentedLineMagicsAreMagicsAndBlankCodeBetweenThemIsDropped() {
        List<CellPart> parts = parser.parse("  %classpath\n\n\t%lsmagic");
        assertEquals(List.of(
                new CellPart.LineMagic("classpath", List.of(), "", 1),
                new CellPart.LineMagic("lsmagic", List.of(), "", 3)), parts);
    }

    @Test
    void percentInsideJavaIsNotAMagic() {
        String cell = "int r = 7 % 3;\nString f = \"%d\".formatted(r);";
        assertEquals(List.of(new CellPart.Code(cell, 1)), parser.parse(cell));
    }

    @Test
    void cellMagicTakesTheRestOfTheCellAsItsBody() {
        List<CellPart> parts = parser.parse("\n%%train --driver=\"local docker\" -n 2\nint x = 1;\n%notALineMagic here\nx");
        assertEquals(List.of(new CellPart.CellMagic("train", List.of("--driver=local docker", "-n", "2"),
                "--driver=\"local docker\" -n 2", "int x = 1;\n%notALineMagic here\nx")), parts);
    }

    @Test
    void cellMagicWithoutArgumentsOrBody() {
        assertEquals(List.of(new CellPart.CellMagic("time", List.of(), "", "")), parser.parse("%%time"));
    }

    @Test
    void magicNamesMayHoldDotsAndDashes() {
        List<CellPart> parts = parser.parse("%fahr.status-all now");
        assertEquals(List.of(new CellPart.LineMagic("fahr.status-all", List.of("now"), "now", 1)), parts);
    }

    @Test
    void anUnclosedQuoteInAMagicIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> parser.parse("%jars 'x.jar"));
    }

    @Test
    void codeAfterBlankLinesStartsAtItsOwnLine() {
        // Blank lines after a magic were dropped without being counted: errors then named the line above.
        assertEquals(List.of(new CellPart.LineMagic("maven", List.of("g:a:1"), "g:a:1", 1),
                        new CellPart.Code("int line4 = 4;\n\nint line6 = 6;", 4)),
                parser.parse("%maven g:a:1\n\n\nint line4 = 4;\n\nint line6 = 6;"));
        assertEquals(List.of(new CellPart.Code("x", 3)), parser.parse("\n  \nx"));
    }
}
