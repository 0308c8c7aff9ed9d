package org.sacroguide.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sacroguide.imaging.CorruptFileException;
import org.sacroguide.imaging.CtInputException;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.UnsupportedCompressionException;
import org.sacroguide.imaging.WrongModalityException;

/**
 * Odd cases from pydicom's test files (reference values computed with pydicom 2.3.1, see the NOTICE
 * beside them): signed pixels, big endian, RLE and JPEG 2000 of MR images, a J2K stream whose sign
 * disagrees with PixelRepresentation, lossy J2K with 14 bits stored, deflate, files without preamble,
 * private sequences in implicit VR, truncation and compressions nothing here decodes.
 */
class DicomOddFilesTest {

    @TempDir
    Path tmp;

    static final DicomReadOptions ANY_MODALITY = DicomReadOptions.DEFAULTS.withAllowAnyModality(true);

    /** Sum, min, max and three probes (row 0 col 0; row rows/2 col columns/3; last row last col). */
    static void assertStats(CtVolume v, long sum, int min, int max, int p0, int pMid, int pLast) {
        long s = 0;
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (short x : v.huArray()) {
            s += x;
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        assertThat(new long[] {s, lo, hi}).containsExactly(sum, min, max);
        assertThat(v.huAt(0, 0, 0)).isEqualTo(p0);
        assertThat(v.huAt(v.columns() / 3, v.rows() / 2, 0)).isEqualTo(pMid);
        assertThat(v.huAt(v.columns() - 1, v.rows() - 1, 0)).isEqualTo(pLast);
    }

    @Test
    void a_single_signed_ct_slice_is_rescaled_to_hu_and_its_spacing_taken_from_the_header() throws Exception {
        DicomImport ct = DicomSeriesReader.read(List.of(Corpus.pydicom("CT_small.dcm")), DicomReadOptions.DEFAULTS);
        assertStats(ct.volume(), -1950906, -896, 1167, -849, 618, -115);
        assertThat(ct.volume().spacingMm()[0]).isEqualTo(0.661468);
        assertThat(ct.warnings()).anySatisfy(w -> assertThat(w).contains("single image").contains("5.0 mm").contains("SpacingBetweenSlices"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MR_small.dcm", "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_RLE.dcm",
        "MR_small_jp2klossless.dcm"})
    void signed_mr_pixels_decode_identically_in_every_encoding(String file) throws Exception {
        DicomImport mr = DicomSeriesReader.read(List.of(Corpus.pydicom(file)), ANY_MODALITY);
        assertStats(mr.volume(), 2125338, 127, 2145, 905, 200, 862);
        assertThat(mr.warnings()).anySatisfy(w -> assertThat(w).contains("MR, not CT"));
    }

    @Test
    void an_mr_series_is_refused_unless_other_modalities_are_allowed() {
        assertThatThrownBy(() -> DicomSeriesReader.read(List.of(Corpus.pydicom("MR_small.dcm")), DicomReadOptions.DEFAULTS))
                .isInstanceOf(WrongModalityException.class)
                .hasMessageContaining("MR, not CT").hasMessageContaining("--allow-modality");
    }

    @Test
    void jpeg_2000_samples_are_sign_extended_from_the_code_stream_precision() throws Exception {
        // The J2K stream is unsigned 13-bit while PixelRepresentation says signed (pydicom issue 1149).
        DicomImport ct = DicomSeriesReader.read(List.of(Corpus.pydicom("J2K_pixelrep_mismatch.dcm")), DicomReadOptions.DEFAULTS);
        assertStats(ct.volume(), -172605258, -2000, 1896, -2000, 91, -2000);
        assertThat(ct.chosen().orientation()).isEqualTo(SeriesOrientation.AXIAL);
    }

    @Test
    void lossy_jpeg_2000_with_14_bits_stored_matches_openjpeg() throws Exception {
        DicomImport ct = DicomSeriesReader.read(List.of(Corpus.pydicom("693_J2KI.dcm")), DicomReadOptions.DEFAULTS);
        assertStats(ct.volume(), -270617240, -3995, 1812, -3040, 13, -3040);
    }

    @Test
    void deflated_8_bit_pixels_are_inflated() throws Exception {
        SliceHeader h = SliceHeader.read(Corpus.pydicom("image_dfl.dcm"));
        assertThat(h.syntax()).isEqualTo(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(h.bitsAllocated()).isEqualTo(8);
        short[] px = new short[h.rows() * h.columns()];
        PixelReader.readHu(h, px, 0);
        long sum = 0;
        for (short s : px) {
            sum += s;
        }
        assertThat(sum).isEqualTo(33322688);
        assertThat(px[0]).isEqualTo((short) 213);
    }

    @Test
    void private_sequences_in_implicit_vr_are_walked_and_files_without_pixels_are_not_images() throws Exception {
        for (String f : new String[] {"priv_SQ.dcm", "ExplVR_LitEndNoMeta.dcm"}) {
            SliceHeader h = SliceHeader.read(Corpus.pydicom(f));
            assertThat(h.hasPixelData()).as(f).isFalse();
        }
        // Two levels of private sequences (undefined lengths, implicit VR), then a 2-byte Pixel Data.
        SliceHeader nested = SliceHeader.read(Corpus.pydicom("nested_priv_SQ.dcm"));
        assertThat(nested.pixelData().length()).isEqualTo(2);
        assertThatThrownBy(() -> DicomSeriesReader.read(List.of(Corpus.pydicom("priv_SQ.dcm")), DicomReadOptions.DEFAULTS))
                .isInstanceOf(CtInputException.class).hasMessageContaining("no DICOM images");
    }

    @Test
    void a_data_set_without_preamble_and_meta_group_is_read() throws Exception {
        byte[] full = Files.readAllBytes(Corpus.folder("explicit_le").resolve("IM0001.dcm"));
        // Meta group length (0002,0000) UL sits right after "DICM": tag(4) VR(2) length(2) value(4).
        int metaLength = (full[140] & 0xff) | (full[141] & 0xff) << 8 | (full[142] & 0xff) << 16 | (full[143] & 0xff) << 24;
        Path bare = tmp.resolve("bare");
        Files.write(bare, Arrays.copyOfRange(full, 144 + metaLength, full.length));
        SliceHeader h = SliceHeader.read(bare);
        assertThat(h.syntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        CtVolume v = DicomSeriesReader.read(List.of(bare), DicomReadOptions.DEFAULTS).volume();
        CtVolume reference = DicomSeriesReader.read(List.of(Corpus.folder("explicit_le").resolve("IM0001.dcm")),
                DicomReadOptions.DEFAULTS).volume();
        assertThat(v.huArray()).isEqualTo(reference.huArray());
    }

    @Test
    void a_truncated_file_is_a_corrupt_file_error() {
        assertThatThrownBy(() -> DicomSeriesReader.read(List.of(Corpus.pydicom("MR_truncated.dcm")), ANY_MODALITY))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("MR_truncated.dcm")
                .hasMessageContaining("truncated");
    }

    @Test
    void an_8_bit_jpeg_baseline_ct_is_decoded() throws Exception {
        // A CT slice with 8-bit pixels (HU = stored * 4 - 500), JPEG baseline coded by the JDK's encoder.
        int w = 48;
        int h = 40;
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, 20 + 2 * x + 2 * y);
            }
        }
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(1.0f);
        try (var out = javax.imageio.ImageIO.createImageOutputStream(jpeg)) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(img, null, null), param);
        }
        org.sacroguide.imaging.VoxelGrid g = new org.sacroguide.imaging.VoxelGrid(w, h, 1,
                org.sacroguide.imaging.Affine.scaling(0.8, 0.8, 2, org.sacroguide.imaging.PatientPoint.ORIGIN));
        DicomWriter.writeSeries(new CtVolume(g, new short[w * h]), tmp, DicomWriter.SeriesSpec.of("jpeg"));
        Path f = tmp.resolve("IM0001.dcm");
        DicomPatch.setString(f, Tag.TRANSFER_SYNTAX_UID, TransferSyntax.JPEG_BASELINE.uid());
        DicomPatch.setUnsignedShort(f, Tag.BITS_ALLOCATED, 8);
        DicomPatch.setUnsignedShort(f, Tag.BITS_STORED, 8);
        DicomPatch.setUnsignedShort(f, Tag.HIGH_BIT, 7);
        DicomPatch.setUnsignedShort(f, Tag.PIXEL_REPRESENTATION, 0);
        DicomPatch.setString(f, Tag.RESCALE_SLOPE, "4");
        DicomPatch.setString(f, Tag.RESCALE_INTERCEPT, "-500");
        DicomPatch.setEncapsulatedPixelData(f, jpeg.toByteArray());
        DicomImport ct = DicomSeriesReader.read(List.of(f), DicomReadOptions.DEFAULTS);
        assertThat(ct.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.50");
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int expected = (20 + 2 * x + 2 * y) * 4 - 500;
                assertThat(ct.volume().huAt(x, y, 0)).isBetween(expected - 12, expected + 12);
            }
        }
    }

    @Test
    void jpeg_ls_and_12_bit_lossy_jpeg_are_unsupported_compressions() {
        assertThatThrownBy(() -> DicomSeriesReader.read(List.of(Corpus.pydicom("MR_small_jpeg_ls_lossless.dcm")), ANY_MODALITY))
                .isInstanceOfSatisfying(UnsupportedCompressionException.class,
                        e -> assertThat(e.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.80"));
        assertThatThrownBy(() -> DicomSeriesReader.read(List.of(Corpus.pydicom("JPGExtended.dcm")), ANY_MODALITY))
                .isInstanceOf(UnsupportedCompressionException.class)
                .hasMessageContaining("1.2.840.10008.1.2.4.51").hasMessageContaining("12-bit");
    }
}
