package org.opencrm.sales.product;

import java.util.List;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The product catalogue: list by name (keyset), create, edit and deactivate. A product is
 * an aggregate ({@link Product}: its rules, one write path through
 * {@link ProductRepository} that checks its version); lists and the form read SQL rows.
 * Line items (the opportunity feature's) only point at a product by id.
 */
@Service
public class ProductService {

	private static final String SELECT = """
			select p.id, p.name, p.sku, p.description, p.unit_price, p.currency, p.active,
			       p.repurchase_interval_days, p.version, %s as sort_key
			from products p
			""";

	private static final KeysetSort BY_NAME = KeysetSort.text("lower(p.name)");

	static final String AUDIT_TYPE = "product";

	private final JdbcClient jdbc;

	private final ProductRepository products;

	private final AuditTrail audit;

	ProductService(JdbcClient jdbc, ProductRepository products, AuditTrail audit) {
		this.jdbc = jdbc;
		this.products = products;
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
		List<ProductRow> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query(Rows.of(ProductRow.class))
			.list();
		return Keyset.page(rows, pageSize, c, ProductRow::sortKey, ProductRow::id, null);
	}

	@Transactional(readOnly = true)
	public ProductRow get(long id) {
		return jdbc.sql(SELECT.formatted(BY_NAME.keyExpression()) + " where p.id = ?")
			.param(id)
			.query(Rows.of(ProductRow.class))
			.optional()
			.orElseThrow(() -> new NotFoundException("Product", id));
	}

	/**
	 * @throws RuleViolationException {@code product.sku.taken},
	 * {@code product.price.negative}, {@code product.repurchase.positive}
	 */
	@Transactional
	public long create(ProductCommand cmd) {
		Product product = new Product(cmd);
		requireFreeSku(cmd, -1L);
		long id = products.saveAndFlush(product).getId();
		audit.created(AUDIT_TYPE, id);
		return id;
	}

	@Transactional
	public void update(long id, ProductCommand cmd) {
		Product product = load(id);
		product.checkVersion(cmd.version());
		// Before the change: the look-up is a query, and Hibernate would flush the taken
		// SKU first.
		requireFreeSku(cmd, id);
		var before = product.snapshot();
		product.apply(cmd);
		audit.changed(AUDIT_TYPE, id, before, product.snapshot());
		// Flush now so a concurrent save fails here, as a version conflict.
		products.flush();
	}

	/** Takes a product off sale (existing line items keep pointing at it), or back on. */
	@Transactional
	public void setActive(long id, boolean active, long version) {
		Product product = load(id);
		product.checkVersion(version);
		var before = product.snapshot();
		product.changeActive(active);
		audit.changed(AUDIT_TYPE, id, before, product.snapshot());
		products.flush();
	}

	private Product load(long id) {
		return products.findById(id).orElseThrow(() -> new NotFoundException("Product", id));
	}

	/**
	 * A SKU names one product, in any case: a rule across products, so it is checked
	 * here.
	 */
	private void requireFreeSku(ProductCommand cmd, long exceptId) {
		String sku = Product.skuOf(cmd);
		if (products.skuTaken(sku, exceptId)) {
			throw RuleViolationException.onField("sku", "product.sku.taken", "Another product has this SKU", sku);
		}
	}

}
