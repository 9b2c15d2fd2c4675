package dev.fahr.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KernelHistoryTest {

    private static final Set<ResultFlag> NONE = EnumSet.noneOf(ResultFlag.class);

    private KernelHistory history;

    @BeforeEach
    void fill() {
        history = new KernelHistory();
        history.record(1, "int a = 6;", null);
        history.record(2, "a * 7", "42");
        history.record(3, "System.out.println(a)", null);
        history.record(4, "a * 7", "42");
        history.record(5, "a * 8", "48");
    }

    private static List<Integer> counts(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::getCellNumber).toList();
    }

    @Test
    void rangeIsStartInclusiveStopExclusive() {
        assertEquals(List.of(2, 3), counts(history.lookupRange(1, 2, 4, NONE)));
        assertEquals(List.of(2, 3), counts(history.lookupRange(0, 2, 4, NONE)));
    }

    @Test
    void rangeWithoutStopRunsToTheEnd() {
        assertEquals(List.of(4, 5), counts(history.lookupRange(1, 4, 0, NONE)));
    }

    @Test
    void otherSessionsHaveNoHistory() {
        assertEquals(List.of(), history.lookupRange(2, 1, 0, NONE));
    }

    @Test
    void tailGivesTheLastCellsInOrder() {
        assertEquals(List.of(4, 5), counts(history.lookupTail(2, NONE)));
        assertEquals(List.of(1, 2, 3, 4, 5), counts(history.lookupTail(100, NONE)));
    }

    @Test
    void outputOnlyWhenAskedFor() {
        HistoryEntry without = history.lookupTail(1, NONE).get(0);
        assertNull(without.getOutput());
        assertFalse(without.hasOutput());
        HistoryEntry with = history.lookupTail(1, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0);
        assertEquals("48", with.getOutput());
        assertTrue(with.hasOutput());
        assertEquals("", history.lookupRange(1, 1, 2, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0).getOutput());
    }

    @Test
    void entriesCarryTheSessionAndInput() {
        HistoryEntry entry = history.lookupRange(1, 3, 4, NONE).get(0);
        assertEquals(1, entry.getSession());
        assertEquals("System.out.println(a)", entry.getInput());
    }

    @Test
    void searchMatchesTheWholeInputAsAGlob() {
        assertEquals(List.of(2, 4, 5), counts(history.search("a * ?", 0, NONE)));
        assertEquals(List.of(2, 4), counts(history.search("a ? 7", 0, NONE)));
        assertEquals(List.of(), counts(history.search("a", 0, NONE)));
        assertEquals(List.of(3), counts(history.search("*println*", 0, NONE)));
    }

    @Test
    void searchTreatsRegexCharactersLiterally() {
        history.record(6, "x.y(1)", null);
        assertEquals(List.of(6), counts(history.search("x.y(?)", 0, NONE)));
        assertEquals(List.of(), counts(history.search("x.y(??)", 0, NONE)));
    }

    @Test
    void searchLimitKeepsTheNewestMatches() {
        assertEquals(List.of(4, 5), counts(history.search("a*", 2, NONE)));
    }

    @Test
    void uniqueSearchKeepsTheNewestOfEqualInputs() {
        assertEquals(List.of(4, 5), counts(history.search("a * ?", 0, EnumSet.of(ResultFlag.UNIQUE))));
    }

    @Test
    void emptyPatternMatchesEverything() {
        assertEquals(5, history.search("", 0, NONE).size());
    }
}
