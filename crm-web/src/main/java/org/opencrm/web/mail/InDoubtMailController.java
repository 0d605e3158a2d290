package org.opencrm.web.mail;

import org.opencrm.core.mail.MailsInDoubt;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The mails in doubt (the server may or may not have accepted them) for a person to
 * resend deliberately: admins see every mail, marketers the campaign and sequence ones.
 */
@Controller
@RequestMapping("/mail/in-doubt")
class InDoubtMailController {

	private static final int SHOWN = 200;

	private final MailsInDoubt inDoubt;

	InDoubtMailController(MailsInDoubt inDoubt) {
		this.inDoubt = inDoubt;
	}

	@GetMapping
	String list(@AuthenticationPrincipal CrmUser me, Model model) {
		MailKind kind = kindFor(me);
		model.addAttribute("mails", inDoubt.list(kind, SHOWN));
		model.addAttribute("total", inDoubt.count(kind));
		return "admin/mail-in-doubt";
	}

	@PostMapping("/{id}/resend")
	String resend(@AuthenticationPrincipal CrmUser me, @PathVariable long id, RedirectAttributes redirect) {
		inDoubt.resend(id, kindFor(me));
		redirect.addFlashAttribute("flash", "mail.inDoubt.flash.resent");
		return "redirect:/mail/in-doubt";
	}

	/** Admins: every mail; marketers: marketing mail only. */
	private static MailKind kindFor(CrmUser me) {
		return me.role() == Role.ADMIN ? null : MailKind.MARKETING;
	}

}
