package org.sacroguide.app.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.sacroguide.imaging.AtomicFile;
import org.sacroguide.imaging.render.GrayImages;

/**
 * A self-contained HTML report written into one folder with its PNG figures beside it. It always opens
 * with the statement that SacroGuide is research and training software, not for clinical use. Sections
 * are appended in pipeline order; the file is written atomically by {@link #write()}.
 */
public final class HtmlReport {

    public static final String NOT_FOR_CLINICAL_USE =
            "NOT FOR CLINICAL USE. SacroGuide is decision support for research and training; it is not a medical "
                    + "device and its results must not guide the treatment of a patient.";

    private final Path dir;
    private final String title;
    private final StringBuilder body = new StringBuilder();

    public HtmlReport(Path dir, String title) throws IOException {
        this.dir = dir;
        this.title = title;
        Files.createDirectories(dir);
    }

    public Path dir() {
        return dir;
    }

    public HtmlReport section(String heading) {
        body.append("<h2>").append(esc(heading)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    /** Raw HTML from a trusted generator (a chart, a prepared fragment). */
    public HtmlReport html(String fragment) {
        body.append(fragment).append('\n');
        return this;
    }

    public HtmlReport table(List<String> header, List<List<String>> rows) {
        body.append("<table><tr>");
        header.forEach(h -> body.append("<th>").append(esc(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> r : rows) {
            body.append("<tr>");
            r.forEach(c -> body.append("<td>").append(esc(c)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** Writes the images as PNG files beside the report and shows them in a row with captions. */
    public HtmlReport figures(List<Figure> figures) throws IOException {
        body.append("<div class=\"figs\">\n");
        for (Figure f : figures) {
            GrayImages.writePng(f.image(), dir.resolve(f.fileName()));
            body.append("<figure><img src=\"").append(esc(f.fileName())).append("\" alt=\"").append(esc(f.caption()))
                    .append("\"><figcaption>").append(esc(f.caption())).append("</figcaption></figure>\n");
        }
        body.append("</div>\n");
        return this;
    }

    /** Shows pictures already written inside the report folder (paths relative to it) with captions. */
    public HtmlReport existingFigures(List<Path> files, List<String> captions) {
        body.append("<div class=\"figs\">\n");
        for (int n = 0; n < files.size(); n++) {
            String rel = dir.toAbsolutePath().relativize(files.get(n).toAbsolutePath()).toString().replace('\\', '/');
            body.append("<figure><img src=\"").append(esc(rel)).append("\" alt=\"").append(esc(captions.get(n)))
                    .append("\"><figcaption>").append(esc(captions.get(n))).append("</figcaption></figure>\n");
        }
        body.append("</div>\n");
        return this;
    }

    /** A bulleted list. */
    public HtmlReport list(List<String> items) {
        body.append("<ul>");
        items.forEach(i -> body.append("<li>").append(esc(i)).append("</li>"));
        body.append("</ul>\n");
        return this;
    }

    /** A picture, its file name in the report folder and its caption. */
    public record Figure(BufferedImage image, String fileName, String caption) {
    }

    public Path write() throws IOException {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1200px;margin:1em auto;color:#222}"
                + ".warn{background:#fee;border:2px solid #c00;padding:.6em;font-weight:bold}"
                + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:2px 8px;text-align:left}"
                + ".figs{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}img{max-width:380px;image-rendering:pixelated;border:1px solid #444}"
                + "figcaption{font-size:90%}</style></head><body>\n"
                + "<p class=\"warn\">" + esc(NOT_FOR_CLINICAL_USE) + "</p>\n"
                + "<h1>" + esc(title) + "</h1>\n<p>Generated " + esc(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                + " by SacroGuide.</p>\n" + body
                + "<hr><p class=\"warn\">" + esc(NOT_FOR_CLINICAL_USE) + "</p>\n</body></html>\n";
        Path target = dir.resolve("report.html");
        AtomicFile.writeString(target, html);
        return target;
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
