package org.sacroguide.fluoro.drr;

/**
 * How Hounsfield units become linear attenuation coefficients (per mm) for a radiograph. Each model stores
 * attenuation as a 16-bit integer code with {@code mu = code * muPerCode()}, chosen so that the code is exact
 * for {@link #PLASTIMATCH} (code = HU + 1000 above -800 HU, so mu = 0.022 (1 + HU/1000) exactly) and within
 * 5e-6 /mm for {@link #TISSUE_60KEV}. Sources are given per constant; see the module README.
 */
public enum AttenuationModel {

    /**
     * plastimatch's model (plastimatch drr, "--hu-conversion preprocess"): mu = 0.022 (1 + HU/1000) per mm
     * above -800 HU, 0 at and below it. For value-for-value comparison with plastimatch.
     */
    PLASTIMATCH(2.2e-5) {
        @Override
        public double muPerMm(double hu) {
            return hu > -800 ? 0.022 * (1 + hu / 1000) : 0;
        }

        @Override
        public short code(int hu) {
            if (hu <= -800) {
                return 0;
            }
            return (short) Math.min(Short.MAX_VALUE, hu + 1000);
        }
    },

    /**
     * A bilinear model for a C-arm beam of about 60 keV effective energy: water mu = 0.0206 /mm (NIST XCOM,
     * Hubbell and Seltzer NISTIR 5632: 0.2059 cm2/g at 60 keV); below 0 HU mu scales with density,
     * mu = 0.0206 (1 + HU/1000); above 0 HU mu rises linearly to cortical bone (ICRU-44, 1.92 g/cm3, 0.3148
     * cm2/g at 60 keV: 0.0604 /mm) at 1800 HU, the bilinear scheme of Kinahan et al., Med Phys 1998;25:2046.
     */
    TISSUE_60KEV(1e-5) {
        @Override
        public double muPerMm(double hu) {
            if (hu <= -1000) {
                return 0;
            }
            if (hu <= 0) {
                return WATER_60KEV * (1 + hu / 1000);
            }
            return WATER_60KEV + hu * (CORTICAL_BONE_60KEV - WATER_60KEV) / 1800.0;
        }

        @Override
        public short code(int hu) {
            return (short) Math.min(Short.MAX_VALUE, Math.round(muPerMm(hu) / 1e-5));
        }
    };

    /** Water at 60 keV, per mm (NIST XCOM). */
    public static final double WATER_60KEV = 0.0206;
    /** ICRU-44 cortical bone at 60 keV, per mm (NIST XCOM). */
    public static final double CORTICAL_BONE_60KEV = 0.0604;
    /**
     * Stainless steel (AISI 304, 8.0 g/cm3; iron 1.205 cm2/g at 60 keV, NIST XCOM) per mm: a biopsy needle
     * with its stylet is drawn as a solid steel cylinder.
     */
    public static final double STEEL_60KEV = 0.96;
    /**
     * PMMA bone cement with 30 % barium sulphate by weight (typical of vertebroplasty cements), 1.6 g/cm3:
     * 0.7 x 0.1924 (PMMA) + 0.3 x 5.1 (BaSO4 above the barium K edge) cm2/g at 60 keV, about 0.266 /mm.
     */
    public static final double CEMENT_60KEV = 0.266;

    private final double muPerCode;

    AttenuationModel(double muPerCode) {
        this.muPerCode = muPerCode;
    }

    /** Linear attenuation coefficient, per mm. */
    public abstract double muPerMm(double hu);

    /** The stored code for a HU value; {@code code * muPerCode()} is the attenuation per mm. */
    public abstract short code(int hu);

    /** Attenuation per mm of one code step. */
    public double muPerCode() {
        return muPerCode;
    }

    /** The code closest to an attenuation (per mm), for materials drawn into the volume (cement). */
    public short codeForMu(double muPerMm) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(muPerMm / muPerCode)));
    }
}
