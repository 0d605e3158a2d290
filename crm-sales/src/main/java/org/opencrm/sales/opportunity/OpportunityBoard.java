package org.opencrm.sales.opportunity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.sales.pipeline.Stage;
import org.opencrm.sales.pipeline.StageKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A pipeline as a {@link Board}, over the deals the user may see. */
@Service
public class OpportunityBoard {

	private final JdbcClient jdbc;

	private final PipelineService pipelines;

	private final Clock clock;

	OpportunityBoard(JdbcClient jdbc, PipelineService pipelines, Clock clock) {
		this.jdbc = jdbc;
		this.pipelines = pipelines;
		this.clock = clock;
	}

	/**
	 * A pipeline as a board in one statement whatever the number of deals: per active
	 * stage, its totals over all its deals and its first {@link Board#CARDS_PER_COLUMN}
	 * cards (two lateral joins on the stage index); a row per card, or one for an empty
	 * stage. The totals come from the sums kept per stage and owner
	 * ({@code opportunity_stage_totals}, a trigger keeps them), a few rows per stage;
	 * with a close-date filter, from the deals themselves. An unknown pipeline is "not
	 * found", one without active stages an empty board.
	 */
	@Transactional(readOnly = true)
	public Board board(long pipelineId, OpportunityFilter filter, Visibility visibility) {
		OpportunityFilter f = new OpportunityFilter(filter.ownerId(), filter.teamId(), null, null, null,
				filter.closeFrom(), filter.closeTo());
		SqlWhere where = OpportunityConditions.where(f, visibility, clock.getZone());
		String extra = where.sql().isEmpty() ? "" : " and " + where.sql().substring(" where ".length());
		String totals;
		if (f.closeFrom() == null && f.closeTo() == null) {
			// The same owners as the cards' conditions, asked of the kept sums.
			SqlWhere byOwner = OpportunityConditions.owners(f, visibility, "s.owner_id");
			String ownerExtra = byOwner.sql().isEmpty() ? "" : " and " + byOwner.sql().substring(" where ".length());
			totals = """
					select coalesce(sum(s.deals), 0)::bigint as count, coalesce(sum(s.amount), 0) as total,
					       coalesce(sum(s.amount), 0) * st.probability / 100.0 as weighted
					from opportunity_stage_totals s
					where s.stage_id = st.id and s.pipeline_id = st.pipeline_id""" + ownerExtra;
		}
		else {
			totals = """
					select count(*) as count, coalesce(sum(o.amount), 0) as total,
					       coalesce(sum(o.amount * st.probability / 100.0), 0) as weighted
					from opportunities o where o.stage_id = st.id and o.pipeline_id = st.pipeline_id""" + extra;
		}
		Map<Long, StageColumn> columns = new LinkedHashMap<>();
		where.bind(jdbc.sql("""
				select st.id, st.pipeline_id, st.name, st.position, st.probability, st.kind, st.active, st.version,
				       t.count, t.total, t.weighted, c.*
				from pipeline_stages st
				cross join lateral (%2$s) t
				left join lateral (
				  select o.id as card_id, o.name as card_name, o.account_id, a.name as account_name, o.status,
				         o.amount, o.currency, o.close_date, o.owner_id, u.full_name as owner_name,
				         o.version as card_version, to_char(o.close_date, 'YYYY-MM-DD') as sort_key
				  from opportunities o
				  join accounts a on a.id = o.account_id
				  join users u on u.id = o.owner_id
				  where o.stage_id = st.id %1$s
				  order by o.close_date, o.id
				  limit :cap) c on true
				where st.pipeline_id = :pipeline and st.active
				order by st.position, st.id, c.close_date, c.card_id
				""".formatted(extra, totals)))
			.param("cap", Board.CARDS_PER_COLUMN)
			.param("pipeline", pipelineId)
			.query((rs, n) -> {
				StageColumn column = columns.computeIfAbsent(rs.getLong("id"), id -> column(rs));
				long card = rs.getLong("card_id");
				if (!rs.wasNull()) {
					column.cards()
						.add(new OpportunityRow(card, rs.getString("card_name"), rs.getLong("account_id"),
								rs.getString("account_name"), column.stage().id(), column.stage().name(),
								StageKind.valueOf(rs.getString("status")), rs.getBigDecimal("amount"),
								rs.getString("currency"), rs.getObject("close_date", LocalDate.class),
								rs.getLong("owner_id"), rs.getString("owner_name"), rs.getLong("card_version"),
								rs.getString("sort_key")));
				}
				return card;
			})
			.list();
		if (columns.isEmpty()) {
			pipelines.pipeline(pipelineId);
		}
		return new Board(pipelineId,
				columns.values()
					.stream()
					.map(c -> new Board.Column(c.stage(), c.count(), c.total(),
							c.weighted().setScale(2, RoundingMode.HALF_UP), List.copyOf(c.cards())))
					.toList());
	}

	private record StageColumn(Stage stage, long count, BigDecimal total, BigDecimal weighted,
			List<OpportunityRow> cards) {
	}

	private static StageColumn column(ResultSet rs) {
		try {
			return new StageColumn(
					new Stage(rs.getLong("id"), rs.getLong("pipeline_id"), rs.getString("name"), rs.getInt("position"),
							rs.getInt("probability"), StageKind.valueOf(rs.getString("kind")), rs.getBoolean("active"),
							rs.getLong("version"), 0),
					rs.getLong("count"), rs.getBigDecimal("total"), rs.getBigDecimal("weighted"), new ArrayList<>());
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
