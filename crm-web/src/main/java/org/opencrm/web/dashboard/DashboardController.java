package org.opencrm.web.dashboard;

import org.opencrm.core.user.CrmUser;
import org.opencrm.web.database.ReplicaReads;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The manager dashboard
 * ({@code /dashboard?from=2026-05-01&to=2026-10-31&team=3&pipeline=1}): charts of
 * pipeline, forecast vs quota, win rate, ticket backlog and SLA, CSAT, campaigns, and the
 * at-risk customers, each linking to the records behind it. Managers and admins only.
 * Read from the replica when one is configured ({@link ReplicaReads}): aggregates may lag
 * the primary a little.
 */
@Controller
class DashboardController {

	private final DashboardComposer composer;

	private final ReplicaReads replica;

	DashboardController(DashboardComposer composer, ReplicaReads replica) {
		this.composer = composer;
		this.replica = replica;
	}

	@GetMapping("/dashboard")
	String dashboard(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) Long team, @RequestParam(required = false) Long pipeline,
			@AuthenticationPrincipal CrmUser user, Model model) {
		model.addAttribute("dashboard", replica.read(() -> composer.compose(user, from, to, team, pipeline)));
		return "insights/dashboard";
	}

}
