package org.opencrm.web.picker;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactFilter;
import org.opencrm.core.contact.ContactList;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.marketing.campaign.CampaignQuery;
import org.opencrm.marketing.segment.SegmentQuery;
import org.opencrm.marketing.template.TemplateService;
import org.opencrm.service.ticket.TicketList;
import org.opencrm.service.ticket.TicketLookup;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

/**
 * The one way a page refers to another record: suggestions by name within what the user
 * may see (at most {@link #LIMIT}), and a chosen id or a typed name resolved to one
 * record, or to a message and the matches to choose from. The customers' rules are the
 * services' ({@code AccountAccess}); the marketing records are the marketing area's,
 * whose pages are for marketing roles only, and tickets the service desk's.
 */
@Component
public class Pickers {

	/** The most suggestions shown; one more is read to know there are more. */
	public static final int LIMIT = 10;

	private final AccountService accounts;

	private final ContactList contactList;

	private final ContactLookup contacts;

	private final SegmentQuery segments;

	private final TemplateService templates;

	private final CampaignQuery campaigns;

	private final TicketList tickets;

	private final TicketLookup ticketLookup;

	Pickers(AccountService accounts, ContactList contactList, ContactLookup contacts, SegmentQuery segments,
			TemplateService templates, CampaignQuery campaigns, TicketList tickets, TicketLookup ticketLookup) {
		this.tickets = tickets;
		this.ticketLookup = ticketLookup;
		this.accounts = accounts;
		this.contactList = contactList;
		this.contacts = contacts;
		this.segments = segments;
		this.templates = templates;
		this.campaigns = campaigns;
	}

	/** Records of {@code kind} matching {@code typed}, at most {@code limit}. */
	public List<PickerOption> suggest(PickerKind kind, String typed, CrmUser user, int limit) {
		if (TextQuery.normalise(typed).isEmpty()) {
			return List.of();
		}
		return switch (kind) {
			case ACCOUNT -> accounts.suggest(typed, limit, Visibility.of(user))
				.stream()
				.map(a -> new PickerOption(a.id(), a.name(), a.detail(), "/accounts/" + a.id()))
				.toList();
			case CONTACT -> contactList
				.list(new ContactFilter(typed, null, null, null, null, ContactFilter.Sort.NAME), Visibility.of(user),
						null, limit)
				.items()
				.stream()
				.limit(limit)
				.map(c -> new PickerOption(c.id(), c.fullName(), c.accountName() != null ? c.accountName() : c.email(),
						"/contacts/" + c.id()))
				.toList();
			case SEGMENT -> segments.named(typed, limit)
				.stream()
				.map(s -> new PickerOption(s.id(), s.name(), null, "/marketing/segments/" + s.id()))
				.toList();
			case TEMPLATE -> templates.named(typed, limit)
				.stream()
				.map(t -> new PickerOption(t.id(), t.name(), null, "/marketing/templates/" + t.id()))
				.toList();
			case CAMPAIGN -> campaigns.named(typed, limit)
				.stream()
				.map(c -> new PickerOption(c.id(), c.name(), null, "/marketing/campaigns/" + c.id()))
				.toList();
			case TICKET -> tickets.search(typed, limit)
				.stream()
				.map(t -> new PickerOption(t.id(), t.number() + " " + t.subject(),
						t.contactName() != null ? t.contactName() : t.accountName(), "/service/tickets/" + t.id()))
				.toList();
		};
	}

	/** The record, when it exists and the user may see it. */
	public Optional<PickerOption> find(PickerKind kind, long id, CrmUser user) {
		try {
			return switch (kind) {
				case ACCOUNT -> accounts.find(id, Visibility.of(user))
					.map(a -> new PickerOption(a.id(), a.name(),
							a.domain() != null && !a.domain().isBlank() ? a.domain() : a.city(),
							"/accounts/" + a.id()));
				case CONTACT -> contacts.find(id, Visibility.of(user))
					.map(c -> new PickerOption(c.id(), c.fullName(), c.accountName(), "/contacts/" + c.id()));
				case SEGMENT -> Optional.of(segments.details(id))
					.map(s -> new PickerOption(s.id(), s.name(), null, "/marketing/segments/" + s.id()));
				case TEMPLATE -> Optional.of(templates.details(id))
					.map(t -> new PickerOption(t.id(), t.name(), null, "/marketing/templates/" + t.id()));
				case CAMPAIGN -> Optional.of(campaigns.details(id))
					.map(c -> new PickerOption(c.id(), c.name(), null, "/marketing/campaigns/" + c.id()));
				case TICKET ->
					ticketLookup.number(id).map(t -> new PickerOption(id, t, null, "/service/tickets/" + id));
			};
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
	}

	/** The picker showing the saved choice {@code id} (or nothing). */
	public Picked shown(PickerKind kind, Long id, CrmUser user) {
		if (id == null) {
			return Picked.none(kind);
		}
		return find(kind, id, user).map(o -> Picked.chosen(kind, o))
			.orElseGet(() -> new Picked(kind, id, String.valueOf(id), null, List.of()));
	}

	/**
	 * What the user sent: a chosen id (it must be one they may see), else a typed name
	 * that names exactly one record (the one named so, or the only match), else a message
	 * with the matches to choose from (only the namesakes when several bear the name).
	 */
	public Picked resolve(PickerKind kind, Long id, String text, CrmUser user) {
		if (id != null) {
			return find(kind, id, user).map(o -> Picked.chosen(kind, o))
				.orElseGet(() -> new Picked(kind, null, text == null || text.isBlank() ? String.valueOf(id) : text,
						unknown(kind), List.of()));
		}
		String typed = text == null ? "" : text.trim();
		if (typed.isEmpty()) {
			return Picked.none(kind);
		}
		List<PickerOption> found = suggest(kind, typed, user, LIMIT + 1);
		List<PickerOption> exact = found.stream()
			.filter(o -> TextQuery.normalise(o.name()).equals(TextQuery.normalise(typed)))
			.toList();
		if (exact.size() == 1 || found.size() == 1) {
			return Picked.chosen(kind, exact.size() == 1 ? exact.get(0) : found.get(0));
		}
		if (exact.size() > 1) {
			// Namesakes: only they to choose from, each with what tells it apart.
			return new Picked(kind, null, typed, "picker.sameName", exact);
		}
		if (found.isEmpty()) {
			return new Picked(kind, null, typed, unknown(kind), List.of());
		}
		return new Picked(kind, null, typed, "picker.choose", found.stream().limit(LIMIT).toList());
	}

	/**
	 * {@link #resolve} for a form bean's field: a problem becomes the field's error (its
	 * message is shown by the picker itself).
	 */
	public Picked resolve(PickerKind kind, Long id, String text, CrmUser user, BindingResult result, String field) {
		if (result.hasFieldErrors(field)) {
			return new Picked(kind, null, text, "picker.notAnId", List.of());
		}
		Picked picked = resolve(kind, id, text, user);
		if (picked.error() != null) {
			result.rejectValue(field, picked.error(), new Object[] { picked.text() }, picked.error());
		}
		return picked;
	}

	private static String unknown(PickerKind kind) {
		return "picker.unknown." + kind.name().toLowerCase(Locale.ROOT);
	}

}
