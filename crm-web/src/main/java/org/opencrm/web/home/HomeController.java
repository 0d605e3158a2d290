package org.opencrm.web.home;

import org.opencrm.core.task.TaskService;
import org.opencrm.core.task.TaskStatus;
import org.opencrm.core.user.CrmUser;
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

	HomeController(TaskService tasks, Formats fmt) {
		this.tasks = tasks;
		this.fmt = fmt;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal CrmUser me, Model model) {
		model.addAttribute("counts", tasks.counts(me.id(), fmt.zone()));
		model.addAttribute("tasks", tasks.forAssignee(me.id(), TaskStatus.OPEN, null, PageSize.SECTION));
		return "home/index";
	}

}
