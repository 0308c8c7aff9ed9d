package org.sacroguide.anatomy;

import java.util.Optional;

/**
 * How sure the model is of one part: a confidence in [0, 1] and, when the part was not found or is
 * doubtful, the reason in words ("S4 foramina below the field of view").
 */
public record Detection(double confidence, Optional<String> reason) {

    public Detection {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must lie in [0, 1], was " + confidence);
        }
    }

    public static Detection found(double confidence) {
        return new Detection(confidence, Optional.empty());
    }

    public static Detection notFound(String reason) {
        return new Detection(0, Optional.of(reason));
    }

    public boolean isFound() {
        return confidence > 0;
    }
}
