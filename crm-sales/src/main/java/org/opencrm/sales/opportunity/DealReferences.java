package org.opencrm.sales.opportunity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.shared.References;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.sales.opportunity.OpportunityCommand.LineItem;
import org.opencrm.sales.pipeline.PipelineRow;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.sales.pipeline.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Looks up what a deal command refers to, before anything is written: the account, the
 * contact (at that account: the deal's timeline entries go to both, so they must be one
 * customer), an enabled owner, the pipeline and stage, the partner and the products. The
 * rules of the deal itself are {@link Opportunity}'s.
 */
@Component
class DealReferences {

	private final JdbcClient jdbc;

	private final PipelineService pipelines;

	DealReferences(JdbcClient jdbc, PipelineService pipelines) {
		this.jdbc = jdbc;
		this.pipelines = pipelines;
	}

	/**
	 * @param contactId the contact the deal will have (an edit may keep the deal's own)
	 * @throws RuleViolationException {@code opportunity.account.unknown},
	 * {@code opportunity.contact.unknown}, {@code opportunity.contact.otherAccount},
	 * {@code opportunity.owner.unknown}, {@code opportunity.pipeline.unknown},
	 * {@code opportunity.stage.unknown}, {@code opportunity.partner.unknown},
	 * {@code opportunity.product.unknown}
	 */
	ResolvedDeal resolve(OpportunityCommand cmd, Long contactId) {
		if (!exists("select 1 from accounts where id = ?", cmd.accountId())) {
			throw new RuleViolationException("opportunity.account.unknown", "There is no such account.");
		}
		if (contactId != null) {
			if (!exists("select 1 from contacts where id = ?", contactId)) {
				throw new RuleViolationException("opportunity.contact.unknown", "There is no such contact.");
			}
			Long contactAccount = References.accountOfContact(jdbc, contactId);
			if (contactAccount != null && contactAccount != cmd.accountId()) {
				throw new RuleViolationException("opportunity.contact.otherAccount",
						"The primary contact works at another account.");
			}
		}
		if (!exists("select 1 from users where id = ? and enabled", cmd.ownerId())) {
			throw new RuleViolationException("opportunity.owner.unknown", "There is no such user.");
		}
		long pipelineId = pipelineOf(cmd);
		Stage stage = (cmd.stageId() == null ? pipelines.firstOpenStage(pipelineId) : pipelines.stage(cmd.stageId()))
			.orElseThrow(() -> new RuleViolationException("opportunity.stage.unknown", "There is no such stage."));
		if (cmd.partnerAccountId() != null
				&& !exists("select 1 from partners where account_id = ?", cmd.partnerAccountId())) {
			throw new RuleViolationException("opportunity.partner.unknown", "That account is not a partner.");
		}
		return new ResolvedDeal(cmd, pipelineId, stage, priced(cmd.lines()));
	}

	private long pipelineOf(OpportunityCommand cmd) {
		if (cmd.pipelineId() == null) {
			return pipelines.defaultPipeline()
				.map(PipelineRow::id)
				.orElseThrow(
						() -> new RuleViolationException("opportunity.pipeline.unknown", "There is no such pipeline."));
		}
		if (!exists("select 1 from pipelines where id = ?", cmd.pipelineId())) {
			throw new RuleViolationException("opportunity.pipeline.unknown", "There is no such pipeline.");
		}
		return cmd.pipelineId();
	}

	/** The lines with a price each: the product's list price when the line names none. */
	private List<LineItem> priced(List<LineItem> lines) {
		List<LineItem> priced = new ArrayList<>();
		for (LineItem li : lines) {
			BigDecimal listPrice = jdbc.sql("select unit_price from products where id = ?")
				.param(li.productId())
				.query(BigDecimal.class)
				.optional()
				.orElseThrow(
						() -> new RuleViolationException("opportunity.product.unknown", "There is no such product."));
			priced.add(new LineItem(li.productId(), li.quantity(), li.unitPrice() == null ? listPrice : li.unitPrice(),
					li.discountPercent()));
		}
		return priced;
	}

	private boolean exists(String sql, long id) {
		return jdbc.sql(sql).param(id).query(Integer.class).optional().isPresent();
	}

}
