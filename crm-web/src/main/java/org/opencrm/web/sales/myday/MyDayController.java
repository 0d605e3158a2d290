package org.opencrm.web.sales.myday;

import org.opencrm.core.user.CrmUser;
import org.opencrm.sales.myday.MyDayService;
import org.opencrm.web.system.PageSize;
import org.opencrm.web.task.Snooze;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A sales rep's home: what is overdue or due today, deals closing this month, leads going
 * cold.
 */
@Controller
class MyDayController {

	private final MyDayService myDay;

	MyDayController(MyDayService myDay) {
		this.myDay = myDay;
	}

	@GetMapping("/my-day")
	String myDay(@AuthenticationPrincipal CrmUser me, Model model) {
		model.addAttribute("day", myDay.forUser(me.id(), PageSize.LIST));
		model.addAttribute("snoozeChoices", Snooze.values());
		return "sales/my-day";
	}

}
