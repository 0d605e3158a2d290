package org.opencrm.web.customer;

import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The call-centre look-up: one match opens the dashboard, several list, none offers a new
 * contact, bad input a message.
 */
@WebIntegrationTest
class CustomerLookupPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void oneMatchOpensTheDashboardWhateverWayTheNumberOrAddressIsWritten() throws Exception {
		DashboardRows rows = new DashboardRows(jdbc, users);
		String u = DashboardRows.unique();
		String local = String.valueOf(1000000 + Math.abs(u.hashCode()) % 8999999);
		long contact = rows.contact(null, "Carla", "Caller" + u, "Carla." + u + "@Call.example", "+49 (40) " + local,
				null, null);
		for (String typed : new String[] { "+49 40 " + local, "0049-40-" + local, "49 40 " + local }) {
			mvc.perform(get("/lookup").param("q", typed).with(as(users, "agent")))
				.andExpect(redirectedUrl("/contacts/" + contact));
		}
		mvc.perform(get("/lookup").param("q", "carla." + u + "@call.EXAMPLE").with(as(users, "agent")))
			.andExpect(redirectedUrl("/contacts/" + contact));
		// The search box takes the same shortcut.
		mvc.perform(get("/search").param("q", "+49 40 " + local).with(as(users, "agent")))
			.andExpect(redirectedUrl("/contacts/" + contact));
		// An account's phone number leads to the account.
		long account = rows.account("Switchboard " + u, null, "+49 40 " + local + "0", null);
		mvc.perform(get("/lookup").param("q", "+49 40 " + local + "0").with(as(users, "agent")))
			.andExpect(redirectedUrl("/accounts/" + account));
	}

	@Test
	void severalMatchesAreListedToPickFrom() throws Exception {
		DashboardRows rows = new DashboardRows(jdbc, users);
		String u = DashboardRows.unique();
		String phone = "+1 555 " + (100000 + Math.abs(u.hashCode()) % 899999);
		long first = rows.contact(null, "Pat", "Shared" + u, null, phone, null, null);
		long second = rows.contact(null, "Sam", "Shared" + u, null, phone, null, null);
		mvc.perform(get("/lookup").param("q", phone).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"lookup-several\"")))
			.andExpect(content().string(containsString("/contacts/" + first)))
			.andExpect(content().string(containsString("/contacts/" + second)));
	}

	@Test
	void noMatchOffersANewContactWithWhatWasTyped() throws Exception {
		mvc.perform(get("/lookup").param("q", "nobody-at-all-9271@nowhere.example").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"lookup-none\"")))
			.andExpect(content().string(containsString("/contacts/new?email=nobody-at-all-9271@nowhere.example")));
		mvc.perform(get("/contacts/new").param("email", "nobody-at-all-9271@nowhere.example").with(as(users, "agent")))
			.andExpect(content().string(containsString("value=\"nobody-at-all-9271@nowhere.example\"")));
	}

	@Test
	void badInputGetsAMessage() throws Exception {
		mvc.perform(get("/lookup").param("q", "  ").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Type a phone number or an e-mail address.")));
		mvc.perform(get("/lookup").param("q", "1".repeat(101)).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("At most 100 characters")));
		mvc.perform(get("/lookup").param("q", "hello").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("is neither a phone number nor an e-mail address")));
	}

}
