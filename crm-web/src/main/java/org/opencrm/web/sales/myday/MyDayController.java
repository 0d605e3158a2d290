package org.opencrm.web.sales.myday;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.opencrm.core.user.CrmUser;
import org.opencrm.sales.myday.MyDay;
import org.opencrm.sales.myday.MyDayService;
import org.opencrm.web.system.Formats;
import org.opencrm.web.system.PageSize;
import org.opencrm.web.task.Snooze;
import org.springframework.context.MessageSource;
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

	private final Formats fmt;

	private final MessageSource messages;

	MyDayController(MyDayService myDay, Formats fmt, MessageSource messages) {
		this.myDay = myDay;
		this.fmt = fmt;
		this.messages = messages;
	}

	@GetMapping("/my-day")
	String myDay(@AuthenticationPrincipal CrmUser me, Model model, Locale locale) {
		MyDay day = myDay.forUser(me.id(), PageSize.LIST);
		Instant now = fmt.now();
		model.addAttribute("day", day);
		model.addAttribute("overdue",
				day.overdue().stream().map(t -> TaskLine.of(t, now, fmt, messages, locale)).toList());
		model.addAttribute("today", day.today().stream().map(t -> TaskLine.of(t, now, fmt, messages, locale)).toList());
		model.addAttribute("snoozeChoices",
				Arrays.stream(Snooze.values())
					.map(s -> new TaskLine.Choice(s.name(), messages.getMessage("task.snooze." + s, null, locale)))
					.toList());
		return "sales/my-day";
	}

}
