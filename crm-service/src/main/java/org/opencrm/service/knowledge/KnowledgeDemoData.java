package org.opencrm.service.knowledge;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.demo.DemoContext;
import org.opencrm.core.demo.DemoDataContributor;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The demo help centre: eight categories of realistic support articles, most published, a
 * few drafts or internal.
 */
@Component
@Order(55)
class KnowledgeDemoData implements DemoDataContributor {

	/** Category, its description, then its articles as title / Markdown body pairs. */
	private static final String[][] CONTENT = { { "Account & login", "Signing in, passwords and your profile",
			"How do I reset my password?",
			"Forgot your password? No problem.\n\n1. Open the sign-in page and click **Forgot password**.\n2. Enter the e-mail address of your account.\n3. Follow the link in the e-mail within 24 hours and choose a new password.\n\nThe reset link works once. If no e-mail arrives, check your spam folder.",
			"Changing the e-mail address of your account",
			"Go to **Profile → Account details**, enter the new e-mail address and confirm it with the link we send there. Until you confirm, the old address stays active.",
			"Two-factor authentication",
			"Protect your account with a one-time code from an authenticator app. Turn it on under **Profile → Security**; keep the recovery codes somewhere safe.",
			"My account is locked after too many sign-in attempts",
			"After five wrong passwords the account is locked for 15 minutes. Wait, then sign in again or reset your password.",
			"Closing your account",
			"Write to support from the e-mail address of the account. We close it within 5 working days and send a confirmation; invoices stay available for legal reasons." },
			{ "Orders", "Placing, changing and tracking orders", "How do I change or cancel an order?",
					"Orders can be changed or cancelled until they are packed, usually within 2 hours. Open **My orders**, pick the order and choose **Change** or **Cancel**.",
					"Where is my order? Tracking a delivery",
					"Once your order ships you receive an e-mail with the tracking number. Follow the link to see the carrier’s delivery status.",
					"Ordering for a company: purchase orders",
					"Business customers can add a purchase order number at checkout; it appears on the invoice.",
					"Minimum order value and bulk discounts",
					"There is no minimum order value. From 50 units of one product you get a bulk discount of 5 %, from 200 units 10 %.",
					"Order confirmation e-mail not received",
					"Check your spam folder first. The confirmation also appears under **My orders**. If the order is missing there, it was not placed." },
			{ "Shipping & delivery", "Carriers, delivery times and costs", "Shipping costs and delivery times",
					"Standard delivery takes 2–4 working days within the EU and costs 4.90 EUR; free from 100 EUR. Express delivery (next working day) costs 14.90 EUR.",
					"Do you ship internationally?",
					"We ship to all EU countries, the United Kingdom, Switzerland and Norway. Customs duties outside the EU are paid by the recipient.",
					"My parcel arrived damaged",
					"Take photos of the parcel and the damaged goods and report it within 7 days. We send a replacement or refund the item; you don’t pay shipping.",
					"Changing the delivery address",
					"Until the order is packed you can change the delivery address under **My orders**. After that, ask the carrier to redirect the parcel with the tracking number.",
					"Delivery to a pick-up point",
					"Choose **Pick-up point** at checkout and select a location on the map. You get a text message when the parcel is ready." },
			{ "Returns & refunds", "Returning products and getting your money back",
					"Returns policy: 30 days to return",
					"You can return unused products within **30 days** of delivery for a full refund. Start the return under **My orders → Return**, print the label and drop the parcel at any post office.",
					"How long does a refund take?",
					"We refund within 5 working days after the return arrives, to the payment method you used. Bank transfers can take 2 more days.",
					"Returning a defective product under warranty",
					"Products have a 2-year warranty. Describe the defect in a support request with your order number; we send a free return label and repair or replace the product.",
					"Exchanging a product for another size or model",
					"Return the product and place a new order: that’s the fastest way. The refund for the return arrives separately.",
					"Return shipping costs",
					"Returns within the EU are free. From other countries, return shipping is paid by the customer unless the product is defective." },
			{ "Billing & invoices", "Invoices, payment methods and billing questions", "Where do I find my invoice?",
					"Every invoice is a PDF under **My orders → Invoice**. We also e-mail it when the order ships.",
					"Correcting the billing address on an invoice",
					"Write to support with the invoice number and the correct address; we issue a corrected invoice within 2 working days.",
					"Which payment methods do you accept?",
					"Credit card, PayPal, SEPA direct debit and, for business customers, payment on invoice within 30 days.",
					"I was charged twice",
					"A second charge is usually a reservation that disappears within 3 days. If it is still there after that, send us both transaction references and we refund the duplicate.",
					"VAT number and reverse charge",
					"Business customers in the EU can enter their VAT number in the account; invoices then use the reverse-charge procedure." },
			{ "Products & setup", "Installing, configuring and using our products",
					"First steps: installing the device",
					"Unpack the device, connect the power cable and wait until the light turns green. Then open the app and follow **Add device**.",
					"Connecting to Wi-Fi",
					"The device supports 2.4 GHz and 5 GHz networks. If it can’t connect, move it closer to the router and check that the password has no leading spaces.",
					"Updating the firmware",
					"Updates install automatically at night. To update now, open **Settings → Firmware → Check for updates**; don’t unplug the device during the update.",
					"Resetting the device to factory settings",
					"Press and hold the reset button for 10 seconds until the light blinks red. All settings are erased.",
					"Compatible accessories",
					"All accessories of the 2024 and later series fit. Older accessories need the adapter kit (SKU ACC-ADAPT)." },
			{ "Troubleshooting", "Fixing common problems", "The device does not turn on",
					"Check the power cable and socket, then hold the power button for 5 seconds. If the light stays off, the power supply may be defective: contact support for a warranty replacement.",
					"Error code E42: sensor not found",
					"E42 means the sensor cable is loose. Switch the device off, reconnect the sensor cable firmly and switch it on again.",
					"The app cannot find my device",
					"Make sure phone and device are in the same Wi-Fi network and Bluetooth is on. Restart the app; if that fails, reset the device.",
					"Slow performance after an update",
					"The first hours after an update the device re-indexes its data. Performance returns to normal within a day.",
					"Internal: escalating hardware failures to engineering",
					"For repeated hardware failures (3+ tickets on one serial number) open an engineering ticket with serial number, firmware version and the customer’s log export. Not for customers." },
			{ "Service & maintenance", "Maintenance plans and on-site service",
					"Booking an on-site service appointment",
					"Our technicians visit Monday to Friday, 8:00 to 17:00. Book through support with your address and the product’s serial number; you get a confirmation with the time.",
					"What does the maintenance plan include?",
					"The yearly maintenance plan includes one inspection visit, all wear parts and priority support. Repairs between visits are free of labour costs.",
					"Preparing for a technician’s visit",
					"Make sure the device is accessible, have the serial number ready and keep the maintenance log at hand.",
					"Internal: technician checklist for maintenance visits",
					"Check filters, firmware, sensor calibration and error log; record the outcome on the appointment. Not for customers.",
					"Rescheduling or cancelling an appointment",
					"Reschedule or cancel free of charge up to 24 hours before the visit by replying to the confirmation e-mail." } };

	private final JdbcTemplate jdbc;

	private final Clock clock;

	KnowledgeDemoData(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void contribute(DemoContext ctx) {
		Instant now = clock.instant();
		long[] authors = { ctx.user("agent"), ctx.user("agent2"), ctx.user("admin") };
		List<Object[]> rows = new ArrayList<>();
		int n = 0;
		for (int c = 0; c < CONTENT.length; c++) {
			String[] cat = CONTENT[c];
			Long categoryId = jdbc.queryForObject(
					"insert into kb_categories (name, description, position) values (?, ?, ?) returning id", Long.class,
					cat[0], cat[1], c + 1);
			for (int i = 2; i < cat.length; i += 2, n++) {
				String title = cat[i];
				ArticleRenderer.Rendered body = ArticleRenderer.render(cat[i + 1]);
				boolean internal = title.startsWith("Internal:");
				boolean draft = n % 9 == 4;
				Timestamp updated = Timestamp.from(now.minus(Duration.ofHours(6 + 37L * n)));
				rows.add(new Object[] { categoryId, title, cat[i + 1], body.html(), body.text(),
						draft ? "DRAFT" : "PUBLISHED", internal ? "INTERNAL" : "PUBLIC", authors[n % authors.length],
						draft ? null : updated, updated, updated });
			}
		}
		jdbc.batchUpdate("""
				insert into kb_articles (category_id, title, body, body_html, body_text, status, visibility, author_id,
				                         published_at, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", rows);
	}

}
