package dev.fahr.runner;

import dev.fahr.runtime.HyperparameterType;
import dev.fahr.runtime.Hyperparameters;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterInjectionTest {

    @Test
    void assignsEachKnownVariableInItsTypeAndListsTheRest() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("epochs", "3");
        given.put("steps", "5");
        given.put("lr", "1e-3");
        given.put("name", "a \"b\"\n");
        given.put("unknown", "x");
        ParameterInjection injection = ParameterInjection.plan(new Hyperparameters(given),
                Map.of("epochs", "int", "steps", "Long", "lr", "double", "name", "String"));
        assertEquals(List.of("epochs = 3;", "steps = 5L;", "lr = 0.001d;", "name = \"a \\\"b\\\"\\n\";"),
                injection.assignments().stream().map(ParameterInjection.Assignment::javaSource).toList());
        assertEquals(List.of("unknown"), injection.unknownNames());
    }

    @Test
    void aValueOfTheWrongTypeOrAnUnsupportedVariableFails() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> ParameterInjection.plan(
                new Hyperparameters(Map.of("epochs", "3.5")), Map.of("epochs", "int")));
        assertEquals("hyperparameter \"epochs\" = \"3.5\" is not a valid int", wrong.getMessage());
        IllegalArgumentException unsupported = assertThrows(IllegalArgumentException.class, () -> ParameterInjection.plan(
                new Hyperparameters(Map.of("sizes", "1")), Map.of("sizes", "List<Integer>")));
        assertTrue(unsupported.getMessage().contains("List<Integer>"), unsupported.getMessage());
    }

    @Test
    void literalsCoverTheSpecialValues() {
        assertEquals("Double.NaN", ParameterInjection.javaLiteral(HyperparameterType.DOUBLE, Double.NaN));
        assertEquals("Float.NEGATIVE_INFINITY",
                ParameterInjection.javaLiteral(HyperparameterType.FLOAT, Float.NEGATIVE_INFINITY));
        assertEquals("0.25f", ParameterInjection.javaLiteral(HyperparameterType.FLOAT, 0.25f));
        assertEquals("(short) 7", ParameterInjection.javaLiteral(HyperparameterType.SHORT, (short) 7));
        // A backslash-u must not reach the source unescaped: javac would decode it before lexing.
        assertEquals("\"\\001\\\\u\"", ParameterInjection.javaLiteral(HyperparameterType.STRING, "\u0001\\u"));
    }
}
