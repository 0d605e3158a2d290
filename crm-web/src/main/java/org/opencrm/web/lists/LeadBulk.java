package org.opencrm.web.lists;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.lead.LeadCommand;
import org.opencrm.sales.lead.LeadDetails;
import org.opencrm.sales.lead.LeadFilter;
import org.opencrm.sales.lead.LeadQuery;
import org.opencrm.sales.lead.LeadService;
import org.opencrm.sales.lead.LeadStatus;
import org.opencrm.web.report.CsvWriter.Cell;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Bulk actions and CSV export on the leads list: assign (through
 * {@link LeadService#update}, its owner rule and events) and status moves (through
 * {@link LeadService#changeStatus}, its status flow and activity line), row by row as
 * {@link CustomerBulk} does (a move to "Disqualified" takes the form's reason); leads
 * have no tags and are not deleted from the list.
 */
@Component
public class LeadBulk {

	private final LeadService leads;

	private final LeadQuery query;

	private final MessageSource messages;

	private final CsvDownloads downloads;

	private final BulkRuns runs;

	LeadBulk(LeadService leads, LeadQuery query, MessageSource messages, CsvDownloads downloads, BulkRuns runs) {
		this.leads = leads;
		this.query = query;
		this.messages = messages;
		this.downloads = downloads;
		this.runs = runs;
	}

	/**
	 * @param reason why, for a move to "Disqualified" (required then, as on the lead's
	 * page; refused before any row is touched)
	 */
	public BulkOutcome run(BulkAction action, String reason, BulkSelection rows, Visibility visibility) {
		if (action.kind() != BulkAction.Kind.ASSIGN && action.kind() != BulkAction.Kind.STAGE) {
			throw new RuleViolationException("bulk.action.unknown", "Choose what to do with the selected rows.");
		}
		if (action.kind() == BulkAction.Kind.STAGE && LeadStatus.DISQUALIFIED.name().equals(action.stage())
				&& (reason == null || reason.isBlank())) {
			throw new RuleViolationException("bulk.reason.disqualified", "Say why the leads are disqualified.");
		}
		return runs.run(rows, (id, version) -> {
			LeadDetails l = query.details(id, visibility);
			BulkRuns.requireVersion("Lead", id, version, l.version());
			if (action.kind() == BulkAction.Kind.ASSIGN) {
				if (Objects.equals(l.ownerId(), action.ownerId())) {
					return false;
				}
				leads.update(id,
						new LeadCommand(l.firstName(), l.lastName(), l.email(), l.phone(), l.company(), l.title(),
								l.industry(), l.country(), l.companySize(), l.source(), l.sourceDetail(),
								l.campaignId(), action.ownerId(), version),
						visibility);
				return true;
			}
			LeadStatus to = LeadStatus.valueOf(action.stage());
			if (l.status() == to) {
				return false;
			}
			leads.changeStatus(id, version, to, reason, visibility);
			return true;
		});
	}

	/** Every lead the filters match that the user may see, walked by keyset. */
	public ResponseEntity<StreamingResponseBody> export(LeadFilter filter, Visibility visibility, Locale locale) {
		List<Cell> header = downloads.header(locale, "list.csv.id", "lead.firstName", "lead.lastName", "lead.email",
				"lead.company", "lead.source", "lead.status", "lead.score", "common.owner", "common.created",
				"common.externalId");
		ZoneId zone = downloads.zone();
		return downloads.csv("leads", header, csv -> CsvDownloads.walk(
				cursor -> query.list(filter, visibility, cursor, CsvDownloads.CHUNK),
				l -> csv.row(List.of(Cell.number(Long.toString(l.id())), Cell.text(l.firstName()),
						Cell.text(l.lastName()), Cell.text(l.email()), Cell.text(l.company()), Cell.text(l.source()),
						Cell.text(messages.getMessage("lead.status." + l.status().name(), null, l.status().name(),
								locale)),
						Cell.number(Integer.toString(l.score())), Cell.text(l.ownerName()),
						Cell.dateTime(l.createdAt(), zone), Cell.text(l.externalId())))));
	}

}
