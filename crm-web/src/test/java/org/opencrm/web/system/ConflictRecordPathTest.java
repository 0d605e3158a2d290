package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
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

	@Test
	void theFieldsShownAgainLeaveOutTokensBlanksAndSecrets() {
		Map<String, String[]> sent = new LinkedHashMap<>();
		sent.put("_csrf", new String[] { "t" });
		sent.put("version", new String[] { "3" });
		sent.put("status", new String[] { "RESOLVED" });
		sent.put("note", new String[] { " " });
		sent.put("newPassword", new String[] { "Hunter2-Hunter2" });
		sent.put("recoveryCode", new String[] { "abcd-efgh" });
		sent.put("tags", new String[] { "vip", "eu" });

		assertThat(ErrorPages.typedFields(sent)).containsExactly(entry("status", "RESOLVED"), entry("tags", "vip, eu"));
	}

	@Test
	void aCodeIsLabelledByTheMessagePrefixOfItsEnum() {
		assertThat(ErrorPages.codePrefix(org.opencrm.service.ticket.TicketStatus.class)).isEqualTo("ticket.status.");
		assertThat(ErrorPages.codePrefix(org.opencrm.service.ticket.TicketPriority.class))
			.isEqualTo("ticket.priority.");
	}

}
