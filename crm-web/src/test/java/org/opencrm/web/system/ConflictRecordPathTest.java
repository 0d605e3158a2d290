package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The conflict page's "open the current version" goes to a page, never to a POST action.
 */
class ConflictRecordPathTest {

	@ParameterizedTest
	@CsvSource({ "/contacts/7/edit, /contacts/7", "/contacts/7, /contacts/7",
			"/service/tickets/5/status, /service/tickets/5", "/opportunities/12/stage, /opportunities/12",
			"/marketing/segments/3/members/upload, /marketing/segments/3",
			"/admin/sales-settings, /admin/sales-settings",
			"/admin/pipelines/2/stages/9/update, /admin/pipelines/2/stages/9" })
	void theRecordPathIsThePathUpToItsLastNumber(String action, String page) {
		assertThat(ErrorPages.recordPath(action)).isEqualTo(page);
	}

}
