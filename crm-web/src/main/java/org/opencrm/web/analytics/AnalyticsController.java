package org.opencrm.web.analytics;

import org.opencrm.core.health.CustomerHealthQuery;
import org.opencrm.core.health.HealthRecompute;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.opencrm.web.database.ReplicaReads;
import org.opencrm.web.system.PageSize;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Customer analytics pages: the at-risk customers (health band AT_RISK) the signed-in
 * user may see by account owner, lowest score first, with the factors that pulled each
 * score down (admins may start a full recompute there). An account's health panel and
 * cross-sell suggestions are part of its dashboard ({@code CustomerDashboard}). The
 * at-risk list is read from the replica when one is configured ({@link ReplicaReads}):
 * the scores are recomputed in the background anyway.
 */
@Controller
@RequestMapping("/analytics")
class AnalyticsController {

	private final CustomerHealthQuery health;

	private final HealthRecompute recompute;

	private final ReplicaReads replica;

	AnalyticsController(CustomerHealthQuery health, HealthRecompute recompute, ReplicaReads replica) {
		this.health = health;
		this.recompute = recompute;
		this.replica = replica;
	}

	@GetMapping("/at-risk")
	String atRisk(@RequestParam(required = false) String cursor, @AuthenticationPrincipal CrmUser user, Model model) {
		model.addAttribute("page", replica.read(() -> health.atRiskPage(Visibility.of(user), cursor, PageSize.LIST)));
		return "analytics/at-risk";
	}

	/**
	 * Runs in the background (a full pass over a large database takes a while); one at a
	 * time across nodes.
	 */
	@PostMapping("/health/recompute")
	String recomputeNow(@AuthenticationPrincipal CrmUser user, RedirectAttributes redirect) {
		if (user.role() != Role.ADMIN) {
			throw new AccessDeniedException("admins only");
		}
		if (recompute.fullPassRunning()) {
			redirect.addFlashAttribute("flashError", "health.recompute.busy");
		}
		else {
			// Its own thread: the request returns at once; the lease keeps a second one
			// from starting.
			Thread worker = new Thread(recompute::recomputeAll, "health-recompute");
			worker.setDaemon(true);
			worker.start();
			redirect.addFlashAttribute("flash", "health.recompute.started");
		}
		return "redirect:/analytics/at-risk";
	}

}
