package dev.fahr.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EditorSupportTest {

    @Test
    void magicLinesBecomeSpacesOfTheSameLength() {
        String code = "int a = 1;\n%jars lib/*.jar\n  %%time\na";
        String masked = EditorSupport.maskMagics(code);
        assertEquals("int a = 1;\n" + " ".repeat(15) + "\n" + " ".repeat(8) + "\na", masked);
        assertEquals(code.length(), masked.length());
        assertEquals(code.indexOf("\na"), masked.indexOf("\na"));
    }

    @Test
    void javaIsUntouched() {
        String code = "int r = 7 % 3;\nString s = \"%d\";\n";
        assertEquals(code, EditorSupport.maskMagics(code));
    }

    @Test
    void emptyAndTrailingNewlinesAreKept() {
        assertEquals("", EditorSupport.maskMagics(""));
        assertEquals("x\n      \n", EditorSupport.maskMagics("x\n%load \n"));
    }

    /** Offsets into the masked text must be offsets into the cell, also when the cell starts with blank lines. */
    @Test
    void leadingBlankLinesAreKept() {
        assertEquals("\n\n", EditorSupport.maskMagics("\n\n"));
        String code = "\n%lsmagic\nint a = 1;";
        String masked = EditorSupport.maskMagics(code);
        assertEquals("\n" + " ".repeat(8) + "\nint a = 1;", masked);
        assertEquals(code.length(), masked.length());
    }
}
