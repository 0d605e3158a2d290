package org.opencrm.web.lists;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.lead.LeadCommand;
import org.opencrm.sales.lead.LeadDetails;
import org.opencrm.sales.lead.LeadFilter;
import org.opencrm.sales.lead.LeadQuery;
import org.opencrm.sales.lead.LeadRow;
import org.opencrm.sales.lead.LeadService;
import org.opencrm.sales.lead.LeadStatus;
import org.opencrm.web.report.CsvWriter;
import org.opencrm.web.report.CsvWriter.Cell;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Bulk actions and CSV export on the leads list: assign (through
 * {@link LeadService#update}, its owner rule and events) and status moves (through
 * {@link LeadService#changeStatus}, its status flow and activity line), row by row as
 * {@link CustomerBulk} does; leads have no tags and are not deleted from the list.
 */
@Component
public class LeadBulk {

	private final LeadService leads;

	private final LeadQuery query;

	private final MessageSource messages;

	private final Clock clock;

	LeadBulk(LeadService leads, LeadQuery query, MessageSource messages, Clock clock) {
		this.leads = leads;
		this.query = query;
		this.messages = messages;
		this.clock = clock;
	}

	public BulkOutcome run(BulkAction action, BulkSelection rows, Visibility visibility) {
		if (action.kind() != BulkAction.Kind.ASSIGN && action.kind() != BulkAction.Kind.STAGE) {
			throw new RuleViolationException("bulk.action.unknown", "Choose what to do with the selected rows.");
		}
		BulkOutcome.Builder outcome = new BulkOutcome.Builder();
		for (Map.Entry<Long, Long> row : rows.versions().entrySet()) {
			long id = row.getKey();
			long version = row.getValue();
			try {
				LeadDetails l = query.details(id, visibility);
				if (l.version() != version) {
					throw new StaleEditException("Lead", id, version, l.version());
				}
				if (action.kind() == BulkAction.Kind.ASSIGN) {
					if (Objects.equals(l.ownerId(), action.ownerId())) {
						outcome.skip(text("bulk.skipped.unchanged", "already so", null));
						continue;
					}
					leads.update(id,
							new LeadCommand(l.firstName(), l.lastName(), l.email(), l.phone(), l.company(), l.title(),
									l.industry(), l.country(), l.companySize(), l.source(), l.sourceDetail(),
									l.campaignId(), action.ownerId(), version),
							visibility);
				}
				else {
					LeadStatus to = LeadStatus.valueOf(action.stage());
					if (l.status() == to) {
						outcome.skip(text("bulk.skipped.unchanged", "already so", null));
						continue;
					}
					leads.changeStatus(id, version, to, null, visibility);
				}
				outcome.done();
			}
			catch (NotFoundException ex) {
				outcome.skip(text("bulk.skipped.notFound", "not found or not yours to change", null));
			}
			catch (StaleEditException | OptimisticLockingFailureException ex) {
				outcome.skip(text("bulk.skipped.changed", "changed by someone else", null));
			}
			catch (RuleViolationException ex) {
				outcome.skip(text(ex.code(), ex.getMessage(), ex.args()));
			}
		}
		return outcome.build();
	}

	/** Every lead the filters match that the user may see, walked by keyset. */
	public ResponseEntity<StreamingResponseBody> export(LeadFilter filter, Visibility visibility, Locale locale) {
		List<Cell> header = List
			.of("list.csv.id", "lead.firstName", "lead.lastName", "lead.email", "lead.company", "lead.source",
					"lead.status", "lead.score", "common.owner", "common.created")
			.stream()
			.map(k -> Cell.text(messages.getMessage(k, null, k, locale)))
			.toList();
		StreamingResponseBody body = out -> {
			Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 15);
			CsvWriter csv = new CsvWriter(writer);
			csv.row(header);
			String cursor = null;
			do {
				KeysetPage<LeadRow> page = query.list(filter, visibility, cursor, CustomerExports.CHUNK);
				for (LeadRow l : page.items()) {
					csv.row(List.of(Cell.number(Long.toString(l.id())), Cell.text(l.firstName()),
							Cell.text(l.lastName()), Cell.text(l.email()), Cell.text(l.company()),
							Cell.text(l.source()),
							Cell.text(messages.getMessage("lead.status." + l.status().name(), null, l.status().name(),
									locale)),
							Cell.number(Integer.toString(l.score())), Cell.text(l.ownerName()),
							Cell.text(l.createdAt() == null ? null : l.createdAt().toString())));
				}
				cursor = page.nextCursor();
			}
			while (cursor != null);
			writer.flush();
		};
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("leads-" + LocalDate.now(clock) + ".csv")
						.build()
						.toString())
			.body(body);
	}

	private String text(String code, String fallback, Object[] args) {
		return messages.getMessage(code, args, fallback, LocaleContextHolder.getLocale());
	}

}
