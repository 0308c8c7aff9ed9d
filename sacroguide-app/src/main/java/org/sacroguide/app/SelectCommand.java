package org.sacroguide.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.planning.PlanningInputs;
import org.sacroguide.planning.output.PlanWriter;
import org.sacroguide.planning.selection.CaseFile;
import org.sacroguide.planning.selection.CaseFileReader;
import org.sacroguide.planning.selection.PatientSelector;
import org.sacroguide.planning.selection.SelectionDecision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sacroguide select CASE [--ct CT]}: is sacroplasty right for this patient? Checks the clinician's
 * case file (and, with {@code --ct}, the CT's sacrum model) against the selection rules and prints the
 * verdict with the deciding rules and their sources. Wiring only: the rules live in sacroguide-planning.
 */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Patient selection for sacroplasty: CANDIDATE, NOT A CANDIDATE or NEEDS REVIEW, with the deciding "
                + "rules and their literature sources (Strub et al., AJNR 2007).", "NOT FOR CLINICAL USE."})
final class SelectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CASE",
            description = "Case file (YAML or JSON, schema sacroguide-case/1; see sacroguide-planning/README.md).")
    Path caseFile;

    @Option(names = "--ct", paramLabel = "CT",
            description = "CT (NIfTI file or DICOM folder) whose automatic sacrum model adds fractured sides and the Denis zone.")
    Path ct;

    @Option(names = "--sacrum-mask", paramLabel = "FILE",
            description = "With --ct: a sacrum mask (NIfTI, non-zero = sacrum) to derive the sacrum model from instead of "
                    + "segmenting automatically.")
    Path sacrumMask;

    @Option(names = "--json", description = "Print the decision as JSON: the not-for-clinical-use notice and the plan.json 'selection' block.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CaseFile c = CaseFileReader.read(caseFile);
        Optional<SacrumModel> model = Optional.empty();
        if (ct != null) {
            model = Optional.of(PlanningInputs.load(ct, PlanCommand.masks(sacrumMask, null, null, null)).model());
        } else if (sacrumMask != null) {
            throw new ExitCodes.UsageException("--sacrum-mask needs --ct");
        }
        SelectionDecision d = PatientSelector.bundled().select(c, model);
        if (json) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("notice", PlanWriter.NOTICE);
            out.put("selection", PlanWriter.selectionJson(d));
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } else {
            d.summaryLines().forEach(System.out::println);
        }
        return ExitCodes.OK;
    }
}
