package org.opencrm.sales.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesRows;
import org.opencrm.sales.shared.Period;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class PartnerServiceTest {

	@Autowired
	PartnerService partners;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPartnersPipelineRevenueWinRateAndDealCountCoverItsDealsOfThePeriod() {
		var rows = new SalesRows(jdbc);
		long rep = rows.user("SALES_REP", null);
		long other = rows.user("SALES_REP", null);
		long reseller = rows.account();
		partners.mark(reseller, PartnerType.RESELLER, LocalDate.parse("2029-01-01"), -1, Visibility.all());
		long customer = rows.account();
		var stages = rows.pipeline();
		rows.deal(stages, rep, customer)
			.partner(reseller)
			.open(stages.propose(), "COMMIT")
			.amount("5000")
			.closing(LocalDate.parse("2030-12-10"))
			.insert();
		rows.deal(stages, rep, customer)
			.partner(reseller)
			.won(Instant.parse("2030-10-05T10:00:00Z"))
			.amount("3000")
			.insert();
		rows.deal(stages, rep, customer)
			.partner(reseller)
			.lost(Instant.parse("2030-11-05T10:00:00Z"), "Price")
			.amount("1000")
			.insert();
		rows.deal(stages, rep, customer)
			.partner(reseller)
			.won(Instant.parse("2030-08-05T10:00:00Z"))
			.amount("2000")
			.insert();
		rows.deal(stages, other, customer)
			.partner(reseller)
			.won(Instant.parse("2030-10-06T10:00:00Z"))
			.amount("700")
			.insert();
		rows.deal(stages, rep, customer).won(Instant.parse("2030-10-07T10:00:00Z")).amount("9999").insert();

		PartnerPerformance q4 = of(partners.performance(Visibility.of(rep(rep)), Period.parse("2030-Q4")), reseller);
		assertThat(q4.type()).isEqualTo(PartnerType.RESELLER);
		assertThat(q4.openPipeline()).isEqualByComparingTo("5000");
		assertThat(q4.wonRevenue()).isEqualByComparingTo("3000");
		assertThat(q4.winRatePercent()).isEqualByComparingTo("50.0");
		assertThat(q4.dealCount()).isEqualTo(3);

		PartnerPerformance allTime = of(partners.performance(Visibility.of(rep(rep)), null), reseller);
		assertThat(allTime.wonRevenue()).isEqualByComparingTo("5000");
		assertThat(allTime.winRatePercent()).isEqualByComparingTo("66.7");
		assertThat(allTime.dealCount()).isEqualTo(4);

		PartnerPerformance everyone = of(partners.performance(Visibility.all(), Period.parse("2030-Q4")), reseller);
		assertThat(everyone.wonRevenue()).as("another rep's deal counts for who may see it")
			.isEqualByComparingTo("3700");
	}

	@Test
	void aPartnerWithoutDealsIsListedWithZerosAndCanEnd() {
		var rows = new SalesRows(jdbc);
		long account = rows.account();
		partners.mark(account, PartnerType.REFERRAL, null, -1, Visibility.all());

		PartnerPerformance p = of(partners.performance(Visibility.all(), null), account);
		assertThat(p.dealCount()).isZero();
		assertThat(p.winRatePercent()).isNull();
		assertThat(partners.get(account, Visibility.all()).since()).isEqualTo(LocalDate.parse("2030-11-14"));

		partners.unmark(account, partners.get(account, Visibility.all()).version(), Visibility.all());
		assertThat(partners.get(account, Visibility.all()).isPartner()).isFalse();
	}

	@Test
	void aStaleEditConflictsAndAPartnerWithDealsCannotEnd() {
		var rows = new SalesRows(jdbc);
		long rep = rows.user("SALES_REP", null);
		long account = rows.account();
		partners.mark(account, PartnerType.RESELLER, null, -1, Visibility.all());
		partners.mark(account, PartnerType.DISTRIBUTOR, null, 0, Visibility.all());
		assertThat(partners.get(account, Visibility.all()).type()).isEqualTo(PartnerType.DISTRIBUTOR);

		assertThatThrownBy(() -> partners.mark(account, PartnerType.REFERRAL, null, 0, Visibility.all()))
			.isInstanceOf(StaleEditException.class);
		rows.deal(rows.pipeline(), rep, rows.account()).partner(account).insert();
		assertThatThrownBy(() -> partners.unmark(account, 1, Visibility.all()))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "partner.hasDeals");
		assertThat(partners.get(account, Visibility.all()).type()).isEqualTo(PartnerType.DISTRIBUTOR);
	}

	@Test
	void aPartnershipWithAttributedDealsRefusesToEnd() {
		Partner partner = new Partner(1, PartnerType.RESELLER, LocalDate.parse("2030-01-01"));
		assertThatThrownBy(() -> partner.requireEndable(1)).isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "partner.hasDeals");
		partner.requireEndable(0);
	}

	@Test
	void markingWithTheVersionOfAnEndedOrNotYetStartedPartnershipConflicts() {
		var rows = new SalesRows(jdbc);
		long account = rows.account();
		assertThatThrownBy(() -> partners.mark(account, PartnerType.RESELLER, null, 0, Visibility.all()))
			.as("no partner yet is version -1")
			.isInstanceOf(StaleEditException.class);
		partners.mark(account, PartnerType.RESELLER, null, -1, Visibility.all());
		assertThatThrownBy(() -> partners.mark(account, PartnerType.REFERRAL, null, -1, Visibility.all()))
			.as("someone else made it a partner meanwhile")
			.isInstanceOf(StaleEditException.class);
		partners.unmark(account, 0, Visibility.all());
		assertThatThrownBy(() -> partners.mark(account, PartnerType.REFERRAL, null, 0, Visibility.all()))
			.as("the partnership the editor saw has ended")
			.isInstanceOf(StaleEditException.class);
		assertThat(partners.get(account, Visibility.all()).isPartner()).isFalse();
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'partner' and entity_id = ?")
			.param(account)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	private static CrmUser rep(long id) {
		return new CrmUser(id, "rep" + id, "Rep", Role.SALES_REP, null, "", true);
	}

	private static PartnerPerformance of(java.util.List<PartnerPerformance> lines, long account) {
		return lines.stream().filter(l -> l.accountId() == account).findFirst().orElseThrow();
	}

}
