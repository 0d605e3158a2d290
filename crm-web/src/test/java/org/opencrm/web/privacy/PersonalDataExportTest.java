package org.opencrm.web.privacy;

import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.contact.ConsentNote;
import org.opencrm.core.contact.ConsentSource;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.lead.LeadCommand;
import org.opencrm.sales.lead.LeadService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Who may export a person's data, and the consent log on the contact's page. A person the
 * user may not see is "not found", on the page and in the API, like one who doesn't
 * exist.
 */
@WebIntegrationTest
class PersonalDataExportTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	ContactService contacts;

	@Autowired
	LeadService leads;

	@Test
	void aManagerCannotExportSomeoneOutsideTheirTeamAndARepCannotExportAtAll() throws Exception {
		String u = UUID.randomUUID().toString().substring(0, 8);
		// Owned by the admin (no team) at no account: outside the manager's team.
		long contact = contact("Olga", "Outside" + u, users.loadUserByUsername("admin").id());

		mvc.perform(get("/contacts/{id}/personal-data", contact).with(as(users, "manager")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/contacts/{id}/personal-data", contact).with(httpBasic("manager", "demo")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(get("/contacts/{id}/personal-data", contact).with(as(users, "rep")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/contacts/{id}/personal-data", contact).with(httpBasic("admin", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.contact[0].last_name").value("Outside" + u));
	}

	@Test
	void aLeadsExportHoldsTheLeadAndOnlyAdminsMayEraseIt() throws Exception {
		String u = UUID.randomUUID().toString().substring(0, 8);
		long lead = leads.create(new LeadCommand("Lena", "Leadonly" + u, "lena-" + u + "@example.com", null, "Acme",
				null, null, null, null, "event", null, null, users.loadUserByUsername("rep").id(), 0),
				Visibility.all());

		mvc.perform(get("/leads/{id}/personal-data", lead).with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.leads[0].last_name").value("Leadonly" + u))
			.andExpect(jsonPath("$.subject.leadId").value(lead));
		mvc.perform(get("/leads/{id}/erase", lead).with(as(users, "manager"))).andExpect(status().isForbidden());
		mvc.perform(get("/leads/{id}/erase", lead).with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Lena Leadonly" + u)));
	}

	@Test
	void theContactPageShowsTheConsentLogWithSourceAndWords() throws Exception {
		String u = UUID.randomUUID().toString().substring(0, 8);
		long contact = contacts.create(new ContactCommand("Cora", "Consent" + u, null, "cora-" + u + "@example.com",
				null, null, null, null, null, null, null, LifecycleStage.LEAD, users.loadUserByUsername("rep").id(),
				List.of(), true, false, 0), new ConsentNote(ConsentSource.FORM, "Send me the newsletter " + u));

		mvc.perform(get("/contacts/{id}", contact).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"consent-log\"")))
			.andExpect(content().string(containsString("Send me the newsletter " + u)));
	}

	private long contact(String first, String last, long owner) {
		return contacts.create(new ContactCommand(first, last, null, first.toLowerCase() + "@example.com", null, null,
				null, null, null, null, null, LifecycleStage.LEAD, owner, List.of(), false, false, 0));
	}

}
