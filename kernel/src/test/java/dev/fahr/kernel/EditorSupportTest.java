package dev.fahr.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.fahr.kernel.magic.KernelMagicsRegistry;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
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

    /** A magic that completes its own arguments by the JDK-only convention, and records what it was asked. */
    static final class FakeMagic implements LineMagic<Object, BaseKernel>, Function<String, List<String>> {
        final List<String> asked = new ArrayList<>();

        @Override
        public Object eval(BaseKernel kernel, List<String> args) {
            return null;
        }

        @Override
        public List<String> apply(String typed) {
            asked.add(typed);
            String word = typed.substring(typed.lastIndexOf(' ') + 1);
            return List.of("--colour", "--count", "--size=small").stream().filter(o -> o.startsWith(word)).toList();
        }
    }

    private static EditorSupport editorWith(KernelMagicsRegistry registry) {
        return new EditorSupport(() -> {
            throw new AssertionError("completing a magic's arguments needs no JShell");
        }, registry);
    }

    @Test
    void aMagicThatIsAFunctionCompletesTheLastWordOfItsArguments() {
        KernelMagicsRegistry registry = new KernelMagicsRegistry();
        FakeMagic fake = new FakeMagic();
        registry.registerLineMagic("fake", fake);
        String code = "int a = 1;\n  %fake one --co";
        ReplacementOptions options = editorWith(registry).complete(code, code.length());
        assertEquals(List.of("--colour", "--count"), options.getReplacements());
        assertEquals(code.length() - "--co".length(), options.getSourceStart());
        assertEquals(code.length(), options.getSourceEnd());
        assertEquals(List.of("one --co"), fake.asked);
    }

    @Test
    void onlyTheTextUpToTheCursorIsGiven() {
        KernelMagicsRegistry registry = new KernelMagicsRegistry();
        FakeMagic fake = new FakeMagic();
        registry.registerLineMagic("fake", fake);
        String code = "%fake --size=sm other";
        int at = code.indexOf(" other");
        ReplacementOptions options = editorWith(registry).complete(code, at);
        assertEquals(List.of("--size=small"), options.getReplacements());
        assertEquals(code.indexOf("--size"), options.getSourceStart());
        assertEquals(List.of("--size=sm"), fake.asked);
    }

    @Test
    void afterABlankTheWholeListIsOfferedAtTheCursor() {
        KernelMagicsRegistry registry = new KernelMagicsRegistry();
        registry.registerLineMagic("fake", new FakeMagic());
        String code = "%fake ";
        ReplacementOptions options = editorWith(registry).complete(code, code.length());
        assertEquals(List.of("--colour", "--count", "--size=small"), options.getReplacements());
        assertEquals(code.length(), options.getSourceStart());
    }

    @Test
    void aPlainMagicOrAnUnknownOneOffersNothingAfterItsName() {
        KernelMagicsRegistry registry = new KernelMagicsRegistry();
        LineMagic<Object, BaseKernel> plain = (kernel, args) -> null;
        registry.registerLineMagic("plain", plain);
        assertEquals(List.of(), editorWith(registry).complete("%plain --co", 11).getReplacements());
        assertEquals(List.of(), editorWith(registry).complete("%nothing --co", 13).getReplacements());
    }

    @Test
    void magicNamesAreStillCompleted() {
        KernelMagicsRegistry registry = new KernelMagicsRegistry();
        registry.registerLineMagic("fake", new FakeMagic());
        registry.registerLineMagic("fahr_fit", (kernel, args) -> null);
        ReplacementOptions options = editorWith(registry).complete("%fa", 3);
        assertEquals(List.of("%fahr_fit", "%fake"), options.getReplacements());
        assertEquals(0, options.getSourceStart());
    }
}
