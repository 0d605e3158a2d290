package org.opencrm.sales.product;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The product catalogue: list by name (keyset), create, edit and deactivate. Written with plain
 * SQL: the row is small, and line items (owned by the opportunity feature) only point at it, so
 * no second JPA mapping of the same table competes with whatever that feature maps.
 */
@Service
public class ProductService {

	private static final String SELECT = """
			select p.id, p.name, p.sku, p.description, p.unit_price, p.currency, p.active,
			       p.repurchase_interval_days, p.version, %s as sort_key
			from products p
			""";

	private static final KeysetSort BY_NAME = KeysetSort.text("lower(p.name)");

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	ProductService(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** Products by name; {@code activeOnly} hides deactivated ones. */
	@Transactional(readOnly = true)
	public KeysetPage<ProductRow> list(boolean activeOnly, String cursor, int pageSize) {
		SqlWhere where = new SqlWhere();
		if (activeOnly) {
			where.and("p.active");
		}
		Keyset.Cursor c = Keyset.decode(cursor);
		String orderBy = BY_NAME.orderBy(where, c, "p.id");
		String sql = SELECT.formatted(BY_NAME.keyExpression()) + where.sql() + orderBy + " limit :limit";
		List<ProductRow> rows = where.bind(jdbc.sql(sql)).param("limit", pageSize + 1).query(ProductRow.class).list();
		return Keyset.page(rows, pageSize, c, ProductRow::sortKey, ProductRow::id, null);
	}

	@Transactional(readOnly = true)
	public ProductRow get(long id) {
		return jdbc.sql(SELECT.formatted(BY_NAME.keyExpression()) + " where p.id = ?")
			.param(id)
			.query(ProductRow.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Product", id));
	}

	/** @throws RuleViolationException {@code product.sku.taken}, {@code product.price.negative} */
	@Transactional
	public long create(ProductCommand cmd) {
		check(cmd, null);
		long id = jdbc.sql("""
				insert into products (name, sku, description, unit_price, currency, repurchase_interval_days)
				values (?, ?, ?, ?, ?, ?) returning id
				""")
			.params(cmd.name().trim(), sku(cmd), cmd.description(), cmd.unitPrice(), currency(cmd),
					cmd.repurchaseIntervalDays())
			.query(Long.class)
			.single();
		audit.created("product", id);
		return id;
	}

	@Transactional
	public void update(long id, ProductCommand cmd) {
		ProductRow before = get(id);
		if (before.version() != cmd.version()) {
			throw new StaleEditException("Product", id, cmd.version(), before.version());
		}
		check(cmd, id);
		int changed = jdbc.sql("""
				update products set name = ?, sku = ?, description = ?, unit_price = ?, currency = ?,
				       repurchase_interval_days = ?, version = version + 1, updated_at = now()
				where id = ? and version = ?
				""")
			.params(cmd.name().trim(), sku(cmd), cmd.description(), cmd.unitPrice(), currency(cmd),
					cmd.repurchaseIntervalDays(), id, cmd.version())
			.update();
		requireChanged(changed, id, cmd.version());
		audit.changed("product", id, snapshot(before.name(), before.sku(), before.unitPrice(), before.currency(),
				before.repurchaseIntervalDays()), snapshot(cmd.name().trim(), sku(cmd), cmd.unitPrice(), currency(cmd),
				cmd.repurchaseIntervalDays()));
	}

	/** Takes a product off sale (existing line items keep pointing at it), or back on. */
	@Transactional
	public void setActive(long id, boolean active, long version) {
		ProductRow before = get(id);
		if (before.version() != version) {
			throw new StaleEditException("Product", id, version, before.version());
		}
		int changed = jdbc
			.sql("update products set active = ?, version = version + 1, updated_at = now() where id = ? and version = ?")
			.params(active, id, version)
			.update();
		requireChanged(changed, id, version);
		audit.changed("product", id, Map.of("active", String.valueOf(before.active())),
				Map.of("active", String.valueOf(active)));
	}

	/** Someone saved between our read and our write: nothing was written, say so. */
	private void requireChanged(int changed, long id, long version) {
		if (changed == 0) {
			throw new StaleEditException("Product", id, version, get(id).version());
		}
	}

	private void check(ProductCommand cmd, Long id) {
		if (cmd.unitPrice() == null || cmd.unitPrice().compareTo(BigDecimal.ZERO) < 0) {
			throw new RuleViolationException("product.price.negative", "The unit price can’t be negative");
		}
		if (cmd.repurchaseIntervalDays() != null && cmd.repurchaseIntervalDays() <= 0) {
			throw new RuleViolationException("product.repurchase.positive", "The repurchase interval must be positive");
		}
		boolean taken = jdbc.sql("select count(*) from products where lower(sku) = lower(?) and id <> ?")
			.params(sku(cmd), id == null ? -1L : id)
			.query(Long.class)
			.single() > 0;
		if (taken) {
			throw new RuleViolationException("product.sku.taken", "Another product has this SKU", sku(cmd));
		}
	}

	private static Map<String, String> snapshot(String name, String sku, BigDecimal price, String currency,
			Integer repurchaseDays) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("name", name);
		m.put("sku", sku);
		m.put("unitPrice", price.stripTrailingZeros().toPlainString());
		m.put("currency", currency);
		m.put("repurchaseIntervalDays", repurchaseDays == null ? null : repurchaseDays.toString());
		return m;
	}

	private static String sku(ProductCommand cmd) {
		return cmd.sku().trim();
	}

	private static String currency(ProductCommand cmd) {
		return cmd.currency().trim().toUpperCase(Locale.ROOT);
	}
}
