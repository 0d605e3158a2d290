package org.opencrm.sales.product;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ProductRepository extends JpaRepository<Product, Long> {

	/** Whether another product (any but {@code exceptId}) has this SKU, in any case. */
	@Query("select count(p) > 0 from Product p where lower(p.sku) = lower(:sku) and p.id <> :exceptId")
	boolean skuTaken(String sku, long exceptId);

}
