package org.sacroguide.imaging.dicom;

/**
 * The few DICOM data elements SacroGuide reads or writes (PS3.6), as {@code (group << 16) | element} with
 * their value representation. Everything else in a file is skipped unread, which keeps scanning fast and
 * means patient-identifying attributes (name, birth date) are never even decoded.
 */
enum Tag {
    // File meta information (group 0002, always explicit VR little endian)
    FILE_META_GROUP_LENGTH(0x0002_0000, "UL"),
    FILE_META_VERSION(0x0002_0001, "OB"),
    MEDIA_STORAGE_SOP_CLASS_UID(0x0002_0002, "UI"),
    MEDIA_STORAGE_SOP_INSTANCE_UID(0x0002_0003, "UI"),
    TRANSFER_SYNTAX_UID(0x0002_0010, "UI"),
    IMPLEMENTATION_CLASS_UID(0x0002_0012, "UI"),
    IMPLEMENTATION_VERSION_NAME(0x0002_0013, "SH"),
    // DICOMDIR
    DIRECTORY_RECORD_SEQUENCE(0x0004_1220, "SQ"),
    DIRECTORY_RECORD_TYPE(0x0004_1430, "CS"),
    REFERENCED_FILE_ID(0x0004_1500, "CS"),
    // Identification and description
    SPECIFIC_CHARACTER_SET(0x0008_0005, "CS"),
    IMAGE_TYPE(0x0008_0008, "CS"),
    SOP_CLASS_UID(0x0008_0016, "UI"),
    SOP_INSTANCE_UID(0x0008_0018, "UI"),
    STUDY_DATE(0x0008_0020, "DA"),
    SERIES_DATE(0x0008_0021, "DA"),
    STUDY_TIME(0x0008_0030, "TM"),
    SERIES_TIME(0x0008_0031, "TM"),
    ACCESSION_NUMBER(0x0008_0050, "SH"),
    MODALITY(0x0008_0060, "CS"),
    MANUFACTURER(0x0008_0070, "LO"),
    REFERRING_PHYSICIAN_NAME(0x0008_0090, "PN"),
    SERIES_DESCRIPTION(0x0008_103E, "LO"),
    // Patient (written by DicomWriter only; never read)
    PATIENT_NAME(0x0010_0010, "PN"),
    PATIENT_ID(0x0010_0020, "LO"),
    PATIENT_BIRTH_DATE(0x0010_0030, "DA"),
    PATIENT_SEX(0x0010_0040, "CS"),
    PATIENT_IDENTITY_REMOVED(0x0012_0062, "CS"),
    // Acquisition
    BODY_PART_EXAMINED(0x0018_0015, "CS"),
    SLICE_THICKNESS(0x0018_0050, "DS"),
    KVP(0x0018_0060, "DS"),
    SPACING_BETWEEN_SLICES(0x0018_0088, "DS"),
    GANTRY_DETECTOR_TILT(0x0018_1120, "DS"),
    CONVOLUTION_KERNEL(0x0018_1210, "SH"),
    PATIENT_POSITION(0x0018_5100, "CS"),
    // Relationship and geometry
    STUDY_INSTANCE_UID(0x0020_000D, "UI"),
    SERIES_INSTANCE_UID(0x0020_000E, "UI"),
    STUDY_ID(0x0020_0010, "SH"),
    SERIES_NUMBER(0x0020_0011, "IS"),
    ACQUISITION_NUMBER(0x0020_0012, "IS"),
    INSTANCE_NUMBER(0x0020_0013, "IS"),
    IMAGE_POSITION_PATIENT(0x0020_0032, "DS"),
    IMAGE_ORIENTATION_PATIENT(0x0020_0037, "DS"),
    FRAME_OF_REFERENCE_UID(0x0020_0052, "UI"),
    POSITION_REFERENCE_INDICATOR(0x0020_1040, "LO"),
    SLICE_LOCATION(0x0020_1041, "DS"),
    // Image pixel
    SAMPLES_PER_PIXEL(0x0028_0002, "US"),
    PHOTOMETRIC_INTERPRETATION(0x0028_0004, "CS"),
    NUMBER_OF_FRAMES(0x0028_0008, "IS"),
    ROWS(0x0028_0010, "US"),
    COLUMNS(0x0028_0011, "US"),
    PIXEL_SPACING(0x0028_0030, "DS"),
    BITS_ALLOCATED(0x0028_0100, "US"),
    BITS_STORED(0x0028_0101, "US"),
    HIGH_BIT(0x0028_0102, "US"),
    PIXEL_REPRESENTATION(0x0028_0103, "US"),
    WINDOW_CENTER(0x0028_1050, "DS"),
    WINDOW_WIDTH(0x0028_1051, "DS"),
    RESCALE_INTERCEPT(0x0028_1052, "DS"),
    RESCALE_SLOPE(0x0028_1053, "DS"),
    RESCALE_TYPE(0x0028_1054, "LO"),
    PIXEL_DATA(0x7FE0_0010, "OW");

    /** Item, item delimiter and sequence delimiter (group FFFE, no VR). */
    static final int ITEM = 0xFFFE_E000;
    static final int ITEM_DELIMITATION = 0xFFFE_E00D;
    static final int SEQUENCE_DELIMITATION = 0xFFFE_E0DD;

    final int code;
    final String vr;

    Tag(int code, String vr) {
        this.code = code;
        this.vr = vr;
    }

    private static final java.util.Map<Integer, Tag> BY_CODE = new java.util.HashMap<>();

    static {
        for (Tag t : values()) {
            BY_CODE.put(t.code, t);
        }
    }

    /** The tag with this code, or null when SacroGuide does not know it. */
    static Tag of(int code) {
        return BY_CODE.get(code);
    }

    /** "(0028,0030)" style. */
    static String format(int code) {
        return String.format("(%04X,%04X)", code >>> 16, code & 0xFFFF);
    }

    @Override
    public String toString() {
        String n = name().toLowerCase(java.util.Locale.ROOT);
        StringBuilder b = new StringBuilder();
        for (String part : n.split("_")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString().replace("Uid", "UID").replace("Id", "ID");
    }
}
