package org.opencrm.web.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opencrm.CrmApplication;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.Options;

/**
 * The module APIs as Spring Modulith sees them: core, sales, marketing, service and web
 * are application modules (the packages under {@code org.opencrm}); each uses another
 * only through its named interfaces (the feature packages marked {@code @NamedInterface}
 * in their {@code package-info.java}) and only the modules its {@code @ApplicationModule}
 * allows. {@link ModuleBoundariesTest} checks the arrows between the Maven modules; this
 * checks what crosses them.
 */
class ModularityTest {

	/** The test fixtures of crm-core's test jar are not a module of the application. */
	static final Path DOCS = Path.of("..", "docs", "modules");

	static final ApplicationModules modules = ApplicationModules.of(CrmApplication.class,
			resideInAPackage("org.opencrm.test.."));

	@Test
	void modulesUseEachOtherOnlyThroughTheirNamedInterfaces() {
		modules.verify();
	}

	/**
	 * Rewrites the component diagram and the module canvases in the repository's
	 * {@code docs/modules/} (the test runs in crm-web/), so a change to the module API
	 * shows up as a change to those files in the same commit.
	 */
	@Test
	void writesTheModuleDiagramAndCanvasesIntoDocs() throws IOException {
		new Documenter(modules, Options.defaults().withOutputFolder(DOCS.toString()).withoutClean())
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		try (Stream<Path> files = Files.list(DOCS)) {
			for (Path file : files.filter(f -> f.toString().matches(".*\\.(puml|adoc)$")).toList()) {
				Files.write(file, stableOrder(Files.readAllLines(file)));
			}
		}
	}

	/**
	 * The Documenter lists relations, beans and events in hash order, which changes from
	 * run to run: sorted, the files change only when the modules do. Sorts each run of
	 * consecutive {@code Rel(} lines and each bullet list ({@code |* first} or
	 * {@code * first}, {@code * next} …).
	 */
	static List<String> stableOrder(List<String> lines) {
		List<String> out = new ArrayList<>();
		int i = 0;
		while (i < lines.size()) {
			String line = lines.get(i);
			String kind = line.startsWith("Rel(") ? "Rel("
					: line.startsWith("|* ") || line.startsWith("* ") ? "* " : null;
			if (kind == null) {
				out.add(line);
				i++;
				continue;
			}
			String head = line.startsWith("|") ? "|" : "";
			List<String> run = new ArrayList<>(List.of(line.substring(head.length())));
			for (i++; i < lines.size() && lines.get(i).startsWith(kind); i++) {
				run.add(lines.get(i));
			}
			Collections.sort(run);
			run.set(0, head + run.get(0));
			out.addAll(run);
		}
		return out;
	}

}
