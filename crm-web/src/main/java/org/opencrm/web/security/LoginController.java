package org.opencrm.web.security;

import java.util.List;
import org.opencrm.web.demo.DemoUsers;
import org.opencrm.web.demo.DemoUsers.DemoUser;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

	private final boolean demoData;

	LoginController(Environment env) {
		this.demoData = env.getProperty("crm.demo-data.enabled", Boolean.class, false);
	}

	/** With demo data on, the page lists every demo account to try. */
	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("demoUsers", demoData ? DemoUsers.ALL : List.<DemoUser>of());
		return "login";
	}

}
