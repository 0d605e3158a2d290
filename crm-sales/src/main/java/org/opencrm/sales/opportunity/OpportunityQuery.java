package org.opencrm.sales.opportunity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.opportunity.OpportunityCommand.ForecastCategory;
import org.opencrm.sales.opportunity.OpportunityCommand.SalesChannel;
import org.opencrm.sales.pipeline.StageKind;
import org.opencrm.sales.shared.Scopes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One deal as its page, its form and the API read it: details with lines, stage history,
 * and the form's pick-lists. Rows outside the user's {@link Visibility} are "not found".
 */
@Service
public class OpportunityQuery {

	private final JdbcClient jdbc;

	OpportunityQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public OpportunityDetails details(long id, Visibility visibility) {
		OpportunityDetails d = jdbc.sql("""
				select o.*, a.name as account_name, coalesce(c.first_name || ' ', '') || c.last_name as contact_name,
				       p.name as pipeline_name, s.name as stage_name, s.probability, u.full_name as owner_name,
				       pa.name as partner_name, u.team_id as owner_team_id
				from opportunities o
				join accounts a on a.id = o.account_id
				left join contacts c on c.id = o.primary_contact_id
				join pipelines p on p.id = o.pipeline_id
				join pipeline_stages s on s.id = o.stage_id
				join users u on u.id = o.owner_id
				left join accounts pa on pa.id = o.partner_account_id
				where o.id = ?
				""")
			.param(id)
			.query(this::mapDetails)
			.optional()
			.orElseThrow(() -> new NotFoundException("Opportunity", id));
		Scopes.requireVisible(jdbc, visibility, d.ownerId(), "Opportunity", id);
		List<OpportunityDetails.Line> lines = jdbc.sql("""
				select li.id, li.product_id, p.name as product_name, p.sku, li.quantity, li.unit_price,
				       li.discount_percent, li.line_total
				from opportunity_line_items li join products p on p.id = li.product_id
				where li.opportunity_id = ? order by li.position, li.id
				""").param(id).query(Rows.of(OpportunityDetails.Line.class)).list();
		return d.withLines(lines);
	}

	@Transactional(readOnly = true)
	public List<StageChange> history(long id, Visibility visibility) {
		Long owner = jdbc.sql("select owner_id from opportunities where id = ?")
			.param(id)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Opportunity", id));
		Scopes.requireVisible(jdbc, visibility, owner, "Opportunity", id);
		return jdbc.sql("""
				select h.id, f.name as from_stage, t.name as to_stage, h.amount, h.probability,
				       u.full_name as changed_by, h.changed_at
				from opportunity_stage_history h
				left join pipeline_stages f on f.id = h.from_stage_id
				join pipeline_stages t on t.id = h.to_stage_id
				left join users u on u.id = h.changed_by
				where h.opportunity_id = ? order by h.changed_at desc, h.id desc limit 50
				""").param(id).query(Rows.of(StageChange.class)).list();
	}

	/** The active products a line may name, by name. */
	@Transactional(readOnly = true)
	public List<ProductOption> products() {
		return jdbc.sql(
				"select id, name, sku, unit_price, currency from products where active order by lower(name), id limit 500")
			.query(Rows.of(ProductOption.class))
			.list();
	}

	/** The partner accounts a deal may be sold through. */
	@Transactional(readOnly = true)
	public List<PartnerOption> partners() {
		return jdbc.sql("""
				select p.account_id, a.name, p.partner_type from partners p join accounts a on a.id = p.account_id
				order by a.sort_name, a.id limit 500
				""").query(Rows.of(PartnerOption.class)).list();
	}

	private OpportunityDetails mapDetails(ResultSet rs, int n) throws SQLException {
		OpportunityDetails d = new OpportunityDetails(rs.getLong("id"), rs.getString("name"), rs.getLong("account_id"),
				rs.getString("account_name"), Rows.longOrNull(rs, "primary_contact_id"), rs.getString("contact_name"),
				rs.getLong("pipeline_id"), rs.getString("pipeline_name"), rs.getLong("stage_id"),
				rs.getString("stage_name"), StageKind.valueOf(rs.getString("status")), rs.getInt("probability"),
				rs.getBigDecimal("amount"), rs.getString("currency"), rs.getObject("close_date", LocalDate.class),
				rs.getLong("owner_id"), rs.getString("owner_name"),
				ForecastCategory.valueOf(rs.getString("forecast_category")), rs.getString("lost_reason"),
				rs.getString("source"), Rows.longOrNull(rs, "campaign_id"), Rows.longOrNull(rs, "lead_id"),
				SalesChannel.valueOf(rs.getString("sales_channel")), Rows.longOrNull(rs, "partner_account_id"),
				rs.getString("partner_name"), Rows.instantOrNull(rs, "closed_at"), rs.getLong("version"),
				Rows.instantOrNull(rs, "created_at"), Rows.instantOrNull(rs, "updated_at"), List.of());
		return d;
	}

}
