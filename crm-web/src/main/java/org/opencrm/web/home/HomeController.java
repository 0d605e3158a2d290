package org.opencrm.web.home;

import java.util.List;
import java.util.Optional;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.task.TaskStatus;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.web.setup.SetupChecklist;
import org.opencrm.web.setup.SetupStep;
import org.opencrm.web.system.Formats;
import org.opencrm.web.system.PageSize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: the signed-in user's day at a glance. */
@Controller
class HomeController {

	private final TaskService tasks;

	private final Formats fmt;

	private final SetupChecklist checklist;

	HomeController(TaskService tasks, Formats fmt, SetupChecklist checklist) {
		this.tasks = tasks;
		this.fmt = fmt;
		this.checklist = checklist;
	}

	/**
	 * An admin of an install with set-up steps open lands on them
	 * ({@link SetupChecklist}) until they are done or dismissed.
	 */
	@GetMapping("/")
	String home(@AuthenticationPrincipal CrmUser me, Model model) {
		if (me.role() == Role.ADMIN) {
			Optional<List<SetupStep>> setup = checklist.greeting();
			if (setup.isPresent()) {
				model.addAttribute("steps", setup.get());
				model.addAttribute("dismissed", false);
				return "admin/setup";
			}
		}
		model.addAttribute("counts", tasks.counts(me.id(), fmt.zone()));
		model.addAttribute("tasks", tasks.forAssignee(me.id(), TaskStatus.OPEN, null, PageSize.SECTION));
		return "home/index";
	}

}
