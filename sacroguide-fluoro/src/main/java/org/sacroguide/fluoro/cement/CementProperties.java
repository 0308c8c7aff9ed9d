package org.sacroguide.fluoro.cement;

/**
 * How the simulated PMMA behaves and is injected: viscosity at the start of injection (Pa s) and the time it
 * takes to double as the cement cures (minutes), the injection rate (mL per minute), the crossover viscosity
 * (Pa s) that normalises the Darcy group G = viscosity / (crossover x permeability scale), a factor on the
 * bone's permeability (it enters, as the viscosity does, through G, which prices leaving the bone; see
 * {@link InjectionSimulator}), and the seed of the pore-scale randomness. The same properties and seed
 * always give the same injection.
 */
public record CementProperties(double initialViscosityPaS, double viscosityDoublingMin, double injectionRateMlPerMin,
                               double crossoverViscosityPaS, double permeabilityScale, long seed) {

    public CementProperties {
        if (!(initialViscosityPaS > 0) || !(viscosityDoublingMin > 0) || !(injectionRateMlPerMin > 0)
                || !(crossoverViscosityPaS > 0) || !(permeabilityScale > 0)) {
            throw new IllegalArgumentException("cement properties must be positive");
        }
    }

    /**
     * A medium-viscosity vertebroplasty cement: 100 Pa s at injection, doubling every 3 minutes during the
     * working phase, injected at 1 mL a minute (orders of magnitude after Baroud et al., Eur Spine J 2006 and
     * Krebs et al., J Biomech 2007; not a calibrated product model).
     */
    public static CementProperties typical(long seed) {
        return new CementProperties(100, 3, 1.0, 100, 1.0, seed);
    }

    public CementProperties withInitialViscosity(double paS) {
        return new CementProperties(paS, viscosityDoublingMin, injectionRateMlPerMin, crossoverViscosityPaS,
                permeabilityScale, seed);
    }

    public CementProperties withPermeabilityScale(double s) {
        return new CementProperties(initialViscosityPaS, viscosityDoublingMin, injectionRateMlPerMin,
                crossoverViscosityPaS, s, seed);
    }

    public CementProperties withSeed(long s) {
        return new CementProperties(initialViscosityPaS, viscosityDoublingMin, injectionRateMlPerMin,
                crossoverViscosityPaS, permeabilityScale, s);
    }

    /** Viscosity after {@code minutes} of injection, Pa s. */
    public double viscosityPaS(double minutes) {
        return initialViscosityPaS * Math.pow(2, minutes / viscosityDoublingMin);
    }
}
