package org.opencrm.web.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of the brief, checked on the compiled classes of all five modules:
 * domain modules depend on crm-core only, core on nothing above it, and feature packages
 * form no cycles.
 */
class ModuleBoundariesTest {

	static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("org.opencrm");
	}

	@Test
	void coreDependsOnNoOtherModule() {
		noClasses().that()
			.resideInAPackage("org.opencrm.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.opencrm.sales..", "org.opencrm.marketing..", "org.opencrm.service..",
					"org.opencrm.web..")
			.check(classes);
	}

	@Test
	void salesDependsOnCoreOnly() {
		domainModuleMayOnlyUseCore("sales", "marketing", "service");
	}

	@Test
	void marketingDependsOnCoreOnly() {
		domainModuleMayOnlyUseCore("marketing", "sales", "service");
	}

	@Test
	void serviceDependsOnCoreOnly() {
		domainModuleMayOnlyUseCore("service", "sales", "marketing");
	}

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("org.opencrm.(*).(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
	}

	@Test
	void entitiesStayInsideTheirModule() {
		noClasses().that()
			.resideInAPackage("org.opencrm.web..")
			.should()
			.dependOnClassesThat()
			.areAnnotatedWith(jakarta.persistence.Entity.class)
			.check(classes);
	}

	private static void domainModuleMayOnlyUseCore(String module, String... others) {
		String[] forbidden = new String[others.length + 1];
		for (int i = 0; i < others.length; i++) {
			forbidden[i] = "org.opencrm." + others[i] + "..";
		}
		forbidden[others.length] = "org.opencrm.web..";
		noClasses().that()
			.resideInAPackage("org.opencrm." + module + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(forbidden)
			.allowEmptyShould(true)
			.check(classes);
	}

}
