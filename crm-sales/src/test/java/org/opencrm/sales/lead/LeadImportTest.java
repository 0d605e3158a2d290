package org.opencrm.sales.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.sales.SalesFixtures.unique;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class LeadImportTest {

	@Autowired
	LeadImport importer;

	@Autowired
	LeadService leads;

	@Autowired
	JdbcClient jdbc;

	@Test
	void goodRowsAreImportedAndBadOnesReportedWithTheirLineNumbers() throws Exception {
		String u = unique();
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		leads.create(SalesFixtures.lead("Old", "Known", "known." + u + "@example.com", null, rep), Visibility.all());
		String csv = """
				Email,Last_Name,first_name,company,company_size,ignored
				a.%1$s@example.com,Alpha%1$s,Ann,"Quote, Inc",12,x
				b.%1$s@example.com,,Bob,Nameless,,x
				c.%1$s@example.com,Gamma%1$s,Cy,Gamma,lots,x
				known.%1$s@example.com,Known,Kay,Dupe,,x
				A.%1$s@example.com,AlphaAgain,Ann,Again,,x

				d.%1$s@example.com,"Delta%1$s",Di,"Multi
				line",,x
				e.%1$s@example,Echo%1$s,Ed,Bad mail,,x
				""".formatted(u);

		LeadImport.Report report = importer.importCsv(new StringReader(csv), "import", Visibility.all());

		assertThat(report.created()).isEqualTo(2);
		assertThat(report.skipped()).isEqualTo(2);
		assertThat(report.failed()).isEqualTo(3);
		assertThat(report.problems()).extracting(LeadImport.RowResult::line, LeadImport.RowResult::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3, "failed"),
					org.assertj.core.groups.Tuple.tuple(4, "failed"), org.assertj.core.groups.Tuple.tuple(5, "skipped"),
					org.assertj.core.groups.Tuple.tuple(6, "skipped"),
					org.assertj.core.groups.Tuple.tuple(10, "failed"));
		assertThat(jdbc.sql("select company from leads where email = ?")
			.param("a." + u + "@example.com")
			.query(String.class)
			.single()).isEqualTo("Quote, Inc");
		assertThat(jdbc.sql("select source from leads where email = ?")
			.param("d." + u + "@example.com")
			.query(String.class)
			.single()).isEqualTo("import");
	}

	@Test
	void aFileWithoutTheLastNameColumnIsRefused() {
		assertThatThrownBy(
				() -> importer.importCsv(new StringReader("email,company\na@b.de,X\n"), "import", Visibility.all()))
			.isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(() -> importer.importCsv(new StringReader(""), "import", Visibility.all()))
			.isInstanceOf(RuleViolationException.class);
	}

	@Test
	void anUnclosedQuoteFailsItsOwnLineAndTheNextRowIsStillImported() throws Exception {
		String u = unique();
		String csv = """
				last_name,email
				"Open%1$s,open.%1$s@example.com
				Next%1$s,next.%1$s@example.com
				""".formatted(u);

		LeadImport.Report report = importer.importCsv(new StringReader(csv), "import", Visibility.all());

		assertThat(report.created()).isEqualTo(1);
		assertThat(report.problems()).extracting(LeadImport.RowResult::line, LeadImport.RowResult::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2, "failed"));
		assertThat(jdbc.sql("select last_name from leads where email = ?")
			.param("next." + u + "@example.com")
			.query(String.class)
			.single()).isEqualTo("Next" + u);
	}

}
