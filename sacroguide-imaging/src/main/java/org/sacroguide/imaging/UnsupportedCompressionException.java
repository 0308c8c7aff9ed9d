package org.sacroguide.imaging;

/**
 * The pixel data uses a compression (DICOM transfer syntax) that no decoder available to SacroGuide can
 * read; the message names the transfer syntax and suggests decompressing the series first.
 */
public class UnsupportedCompressionException extends CtInputException {

    private final String transferSyntaxUid;

    public UnsupportedCompressionException(String transferSyntaxUid, String message) {
        super(message);
        this.transferSyntaxUid = transferSyntaxUid;
    }

    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }
}
