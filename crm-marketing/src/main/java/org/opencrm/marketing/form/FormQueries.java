package org.opencrm.marketing.form;

import static org.opencrm.core.shared.Rows.instantOrNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.SqlWhere;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** What the form pages and the public form read: lists, one form, its submissions. */
@Service
public class FormQueries {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	FormQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public KeysetPage<LeadFormSummary> list(String cursor, int pageSize) {
		SqlWhere where = new SqlWhere();
		var total = where.cappedCount(jdbc, "lead_forms f");
		Keyset.Cursor c = Keyset.decode(cursor);
		KeysetSort sort = KeysetSort.text("f.sort_name");
		String orderBy = sort.orderBy(where, c, "f.id");
		String sql = """
				select f.id, f.name, f.slug, f.active, f.campaign_id,
				       (select max(s.submitted_at) from form_submissions s where s.form_id = f.id) as last_submitted_at,
				       f.sort_name as sort_key
				from lead_forms f""" + where.sql() + orderBy + " limit :limit";
		List<LeadFormSummary> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query((rs, n) -> new LeadFormSummary(rs.getLong("id"), rs.getString("name"), rs.getString("slug"),
					rs.getBoolean("active"), rs.getObject("campaign_id", Long.class),
					instantOrNull(rs, "last_submitted_at"), rs.getString("sort_key")))
			.list();
		return Keyset.page(rows, pageSize, c, LeadFormSummary::sortKey, LeadFormSummary::id, total);
	}

	@Transactional(readOnly = true)
	public LeadFormDetails details(long id) {
		return jdbc.sql("select * from lead_forms where id = ?")
			.param(id)
			.query(FormQueries::details)
			.optional()
			.orElseThrow(() -> new NotFoundException("Form", id));
	}

	/**
	 * The active form published under a slug; {@link NotFoundException} for none or an
	 * inactive one.
	 */
	@Transactional(readOnly = true)
	public LeadFormDetails published(String slug) {
		return jdbc.sql("select * from lead_forms where slug = ? and active")
			.param(slug == null ? "" : slug)
			.query(FormQueries::details)
			.optional()
			.orElseThrow(() -> new NotFoundException("Form", slug));
	}

	private static LeadFormDetails details(ResultSet rs, int n) throws SQLException {
		return new LeadFormDetails(rs.getLong("id"), rs.getString("name"), rs.getString("slug"),
				LeadForm.FieldsJson.fromJson(rs.getString("fields")), rs.getString("thank_you"),
				rs.getObject("campaign_id", Long.class), rs.getBoolean("active"), rs.getLong("version"),
				instantOrNull(rs, "created_at"), instantOrNull(rs, "updated_at"));
	}

	/** A form's submissions, newest first. */
	@Transactional(readOnly = true)
	public KeysetPage<FormSubmissionRow> submissions(long formId, String cursor, int pageSize) {
		details(formId);
		SqlWhere where = new SqlWhere().and("s.form_id = :form", "form", formId);
		var total = where.cappedCount(jdbc, "form_submissions s");
		Keyset.Cursor c = Keyset.decode(cursor);
		KeysetSort sort = KeysetSort.newestFirst("s.submitted_at");
		String orderBy = sort.orderBy(where, c, "s.id");
		String sql = "select s.id, s.submitted_at, s.email, s.first_name, s.last_name, s.company, s.contact_id, "
				+ "s.data::text as data, " + sort.keyExpression() + " as sort_key from form_submissions s" + where.sql()
				+ orderBy + " limit :limit";
		List<FormSubmissionRow> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query((rs, n) -> new FormSubmissionRow(rs.getLong("id"), instantOrNull(rs, "submitted_at"),
					rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"),
					rs.getString("company"), rs.getObject("contact_id", Long.class),
					JSON.readValue(rs.getString("data"), STRING_MAP), rs.getString("sort_key")))
			.list();
		return Keyset.page(rows, pageSize, c, FormSubmissionRow::sortKey, FormSubmissionRow::id, total);
	}

	/** The id of the form published under a slug (active or not), for the staff API. */
	@Transactional(readOnly = true)
	public long idOf(String slug) {
		return jdbc.sql("select id from lead_forms where slug = ?")
			.param(slug == null ? "" : slug)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Form", slug));
	}

}
