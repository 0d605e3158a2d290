package org.opencrm.web.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

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
	void writesTheModuleDiagramAndCanvasesIntoDocs() {
		new Documenter(modules, Options.defaults().withOutputFolder("../docs/modules").withoutClean())
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
	}

}
