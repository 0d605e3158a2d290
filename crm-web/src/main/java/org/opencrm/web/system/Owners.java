package org.opencrm.web.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserSummary;
import org.opencrm.core.user.Visibility;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Owners on the forms of accounts, contacts, leads and deals: the pick-list offers whom
 * the user may give records to ({@link org.opencrm.core.user.OwnerRule}; the services
 * refuse anyone else with a field message), and after a save the user lands where they
 * may look, told who got the record.
 */
@Component
public class Owners {

	private final UserService users;

	private final UserDirectory directory;

	Owners(UserService users, UserDirectory directory) {
		this.users = users;
		this.directory = directory;
	}

	/**
	 * Whom the user may make owner, plus {@code shown} (the record's owner or the one
	 * just typed) when it isn't one of them, so an edit shows what it holds.
	 */
	public List<UserSummary> choices(CrmUser user, Long shown) {
		List<UserSummary> choices = new ArrayList<>(directory.ownerChoices(Visibility.of(user)));
		if (shown != null && choices.stream().noneMatch(u -> u.id() == shown)) {
			try {
				choices.add(0, users.getUser(shown));
			}
			catch (RuntimeException unknown) {
				// Not a user: the form's message says so.
			}
		}
		return choices;
	}

	/** A new record's owner before anyone chose: the user, when they may own one. */
	public static Long defaultOwner(CrmUser user) {
		return user.role() == Role.SALES_REP || user.role() == Role.MANAGER ? user.id() : null;
	}

	/**
	 * Whether the user sees a lead or deal owned by {@code ownerId} (the sales rule,
	 * {@link Visibility#canSee}).
	 */
	public boolean seesOwnedBy(CrmUser user, Long ownerId) {
		Visibility visibility = Visibility.of(user);
		if (visibility.scope() == Visibility.Scope.ALL) {
			return true;
		}
		return ownerId != null && visibility.canSee(ownerId, users.getUser(ownerId).teamId());
	}

	/**
	 * Where a save lands: the record's page when the user may open it, else its list
	 * (never "not found"). When someone else owns it, the message names them ("Saved and
	 * assigned to Sam Seller").
	 * @param savedKey the message when the user keeps it
	 */
	public String landing(CrmUser user, Long ownerId, boolean visible, String page, String list, String savedKey,
			RedirectAttributes redirect) {
		if (ownerId != null && !Objects.equals(ownerId, user.id())) {
			String name = users.getUser(ownerId).fullName();
			if (visible) {
				redirect.addFlashAttribute("flash", "flash.assignedTo");
				redirect.addFlashAttribute("flashArg", name);
			}
			else {
				redirect.addFlashAttribute("flashWarning", "flash.assignedAway");
				redirect.addFlashAttribute("flashDetail", name);
			}
		}
		else {
			redirect.addFlashAttribute("flash", savedKey);
		}
		return "redirect:" + (visible ? page : list);
	}

}
