package dev.fahr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OneLineUsageErrorsTest {

    @Test
    void anUnknownOptionWithAValueIsShownAsTheHyperparameterItMayBe() {
        assertEquals(Optional.of("Hyperparameters go with --hp: --hp epochs=3."),
                OneLineUsageErrors.hyperparameterHint(List.of("--epochs", "3")));
        assertEquals(Optional.of("Hyperparameters go with --hp: --hp learning_rate=0.1,0.5."),
                OneLineUsageErrors.hyperparameterHint(List.of("--learning_rate=0.1,0.5")));
    }

    @Test
    void noHintForAFlagAMistypedSettingOrAStrayWord() {
        assertEquals(Optional.empty(), OneLineUsageErrors.hyperparameterHint(List.of("--verbose")));
        assertEquals(Optional.empty(), OneLineUsageErrors.hyperparameterHint(List.of("--verbose", "--dry-run")));
        assertEquals(Optional.empty(), OneLineUsageErrors.hyperparameterHint(List.of("--config.regoin=eu-west-1")));
        assertEquals(Optional.empty(), OneLineUsageErrors.hyperparameterHint(List.of("extra")));
    }
}
