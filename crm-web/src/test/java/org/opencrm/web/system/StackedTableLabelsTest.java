package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The cards of stacked tables on a phone read without JavaScript: every body cell of a
 * {@code table-stack} leaves the server with its column's name as {@code data-label}, in
 * whole pages and in the parts htmx swaps in.
 */
@WebIntegrationTest
class StackedTableLabelsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	ITemplateEngine templates;

	@Test
	void eachBodyCellIsLabelledWithItsColumnsHead() {
		Document page = Jsoup.parse(templates.process("test/stacked-tables", new Context(Locale.ENGLISH)));
		for (Element row : page.select("#stacked > tbody > tr.row")) {
			List<String> labels = row.select("> td").eachAttr("data-label");
			assertThat(row.select("> td").stream().map(td -> td.attr("data-label")).toList())
				// The tick box's column has no name, "Both" spans two columns, a cell's
				// own label stays; the last head row names the columns.
				.containsExactly("", "Name", "R&D spend", "", "", "Own");
			assertThat(labels).doesNotContain("Group");
		}
		assertThat(page.select("#stacked tr.empty > td").attr("data-label")).isEmpty();
		// A table inside a cell has columns of its own; a table that doesn't stack gets
		// none.
		assertThat(page.select("#inner td").eachAttr("data-label")).containsExactly("Inner", "Inner");
		assertThat(page.select("#plain td[data-label]")).isEmpty();
	}

	@Test
	void listsAndTheQueuesRefreshedPartArriveLabelled() throws Exception {
		assertLabelled(get("/leads").with(as(users, "rep")), "#leads-table");
		assertLabelled(get("/opportunities").with(as(users, "rep")), "#opportunities-table");
		assertLabelled(get("/service/tickets").with(as(users, "agent")), "#tickets-table");
		assertLabelled(
				get("/service/queue/board").param("view", "ALL").header("HX-Request", "true").with(as(users, "agent")),
				"#queue-table");
	}

	private void assertLabelled(MockHttpServletRequestBuilder request, String table) throws Exception {
		Document page = Jsoup.parse(mvc.perform(request).andReturn().getResponse().getContentAsString());
		Element stacked = page.selectFirst("table.table-stack" + table);
		assertThat(stacked).as(table).isNotNull();
		List<String> names = new ArrayList<>();
		for (Element th : stacked.select("> thead > tr").last().select("> th")) {
			names.add(th.text().strip());
		}
		List<Element> rows = stacked.select("> tbody > tr");
		assertThat(rows).as(table + " rows").isNotEmpty();
		for (Element row : rows) {
			List<Element> cells = row.select("> td, > th");
			for (int i = 0; i < cells.size(); i++) {
				assertThat(cells.get(i).attr("data-label")).as(table + " column " + i).isEqualTo(names.get(i));
			}
		}
	}

}
