package org.sacroguide.anatomy.phantom;

/**
 * What synthetic pelvis to build: the random seed that varies its anatomy a little, the in-plane pixel
 * spacing and slice spacing (mm), the field of view (mm, left-right x antero-posterior x cranio-caudal,
 * centred on the sacrum; {@code craniocaudalShiftMm} moves it towards the head), osteoporosis (low
 * trabecular HU), zone-I fracture lines, image noise (standard deviation in HU), the patient's position on
 * the table and an optional metal hip prosthesis. Build one with {@link #of(long, double)} and the
 * {@code with...} methods.
 */
public record PhantomSpec(long seed, double pixelSpacingMm, double sliceSpacingMm, double fovLeftRightMm,
                          double fovAnteroPosteriorMm, double fovCraniocaudalMm, double craniocaudalShiftMm,
                          boolean osteoporosis, FractureLines fractures, double noiseSdHu,
                          PatientOrientation orientation, boolean metalHip) {

    /** Zone-I (alar) fracture lines after Denis; H_SHAPED adds a transverse line through S2. */
    public enum FractureLines { NONE, UNILATERAL_LEFT, UNILATERAL_RIGHT, BILATERAL, H_SHAPED }

    /** Patient position on the table; prone flips the in-plane axes of the voxel-to-patient affine. */
    public enum PatientOrientation { SUPINE, PRONE }

    public PhantomSpec {
        if (!(pixelSpacingMm >= 0.3 && pixelSpacingMm <= 5) || !(sliceSpacingMm >= 0.3 && sliceSpacingMm <= 5)) {
            throw new IllegalArgumentException("phantom spacing must lie in 0.3-5 mm, was " + pixelSpacingMm + " / "
                    + sliceSpacingMm);
        }
        if (!(fovLeftRightMm >= 20 && fovAnteroPosteriorMm >= 20 && fovCraniocaudalMm >= 20)) {
            throw new IllegalArgumentException("phantom field of view must be at least 20 mm along each axis");
        }
        if (!(noiseSdHu >= 0)) {
            throw new IllegalArgumentException("noise must be >= 0 HU, was " + noiseSdHu);
        }
    }

    /** A supine pelvis of 200 x 160 x 160 mm with isotropic spacing, normal bone, no fracture, 15 HU noise. */
    public static PhantomSpec of(long seed, double spacingMm) {
        return new PhantomSpec(seed, spacingMm, spacingMm, 200, 160, 160, 0, false, FractureLines.NONE, 15,
                PatientOrientation.SUPINE, false);
    }

    public PhantomSpec withSpacing(double pixelMm, double sliceMm) {
        return new PhantomSpec(seed, pixelMm, sliceMm, fovLeftRightMm, fovAnteroPosteriorMm, fovCraniocaudalMm,
                craniocaudalShiftMm, osteoporosis, fractures, noiseSdHu, orientation, metalHip);
    }

    public PhantomSpec withFieldOfView(double lrMm, double apMm, double ccMm) {
        return new PhantomSpec(seed, pixelSpacingMm, sliceSpacingMm, lrMm, apMm, ccMm, craniocaudalShiftMm,
                osteoporosis, fractures, noiseSdHu, orientation, metalHip);
    }

    public PhantomSpec withCraniocaudalShift(double mm) {
        return new PhantomSpec(seed, pixelSpacingMm, sliceSpacingMm, fovLeftRightMm, fovAnteroPosteriorMm,
                fovCraniocaudalMm, mm, osteoporosis, fractures, noiseSdHu, orientation, metalHip);
    }

    public PhantomSpec withOsteoporosis(boolean on) {
        return new PhantomSpec(seed, pixelSpacingMm, sliceSpacingMm, fovLeftRightMm, fovAnteroPosteriorMm,
                fovCraniocaudalMm, craniocaudalShiftMm, on, fractures, noiseSdHu, orientation, metalHip);
    }

    public PhantomSpec withFractures(FractureLines f) {
        return new PhantomSpec(seed, pixelSpacingMm, sliceSpacingMm, fovLeftRightMm, fovAnteroPosteriorMm,
                fovCraniocaudalMm, craniocaudalShiftMm, osteoporosis, f, noiseSdHu, orientation, metalHip);
    }

    public PhantomSpec withNoise(double sdHu) {
        return new PhantomSpec(seed, pixelSpacingMm, sliceSpacingMm, fovLeftRightMm, fovAnteroPosteriorMm,
                fovCraniocaudalMm, craniocaudalShiftMm, osteoporosis, fractures, sdHu, orientation, metalHip);
    }

    public PhantomSpec withOrientation(PatientOrientation o) {
        return new PhantomSpec(seed, pixelSpacingMm, sliceSpacingMm, fovLeftRightMm, fovAnteroPosteriorMm,
                fovCraniocaudalMm, craniocaudalShiftMm, osteoporosis, fractures, noiseSdHu, o, metalHip);
    }

    public PhantomSpec withMetalHip(boolean on) {
        return new PhantomSpec(seed, pixelSpacingMm, sliceSpacingMm, fovLeftRightMm, fovAnteroPosteriorMm,
                fovCraniocaudalMm, craniocaudalShiftMm, osteoporosis, fractures, noiseSdHu, orientation, on);
    }
}
