package org.opencrm.web.setup;

import java.util.List;
import java.util.Optional;
import org.opencrm.core.company.CompanyProfiles;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.service.mail.MailSettings;
import org.opencrm.service.queue.QueueService;
import org.opencrm.service.sla.SlaAdmin;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a new install still needs from its admin, read from the install's real state
 * through each module's services: staff besides the admins, a pipeline with stages, a
 * support queue with SLA policies, the company's name and a support mailbox. The admin's
 * start page is this checklist until every step is done or the admin dismisses it.
 */
@Service
public class SetupChecklist {

	private final UserDirectory users;

	private final PipelineService pipelines;

	private final QueueService queues;

	private final SlaAdmin sla;

	private final CompanyProfiles company;

	private final MailSettings mail;

	private final JdbcClient jdbc;

	SetupChecklist(UserDirectory users, PipelineService pipelines, QueueService queues, SlaAdmin sla,
			CompanyProfiles company, MailSettings mail, JdbcClient jdbc) {
		this.users = users;
		this.pipelines = pipelines;
		this.queues = queues;
		this.sla = sla;
		this.company = company;
		this.mail = mail;
		this.jdbc = jdbc;
	}

	/** Every step, in the order an admin would take them. */
	@Transactional(readOnly = true)
	public List<SetupStep> steps() {
		return List.of(new SetupStep("users", "/admin/users",
				users.listUsers().stream().anyMatch(u -> u.enabled() && u.role().isStaff() && u.role() != Role.ADMIN)),
				new SetupStep("pipeline", "/admin/pipelines", !pipelines.allStages().isEmpty()),
				new SetupStep("queue", "/admin/queues", !queues.all().isEmpty() && !sla.policies().isEmpty()),
				new SetupStep("company", "/admin/company", company.branding().name() != null),
				new SetupStep("mail", "/admin/inbound-mail", !mail.inbound().host().isBlank()));
	}

	/**
	 * The steps while the admin's start page is the checklist: some step is open and the
	 * admin has not dismissed it; empty otherwise.
	 */
	@Transactional(readOnly = true)
	public Optional<List<SetupStep>> greeting() {
		if (dismissed()) {
			return Optional.empty();
		}
		List<SetupStep> steps = steps();
		return steps.stream().allMatch(SetupStep::done) ? Optional.empty() : Optional.of(steps);
	}

	@Transactional(readOnly = true)
	public boolean dismissed() {
		return jdbc.sql("select exists (select 1 from setup_checklist)").query(Boolean.class).single();
	}

	/** The admin lands on the ordinary start page from now on. */
	@Transactional
	public void dismiss() {
		jdbc.sql("insert into setup_checklist (id) values (1) on conflict (id) do nothing").update();
	}

	/** The admin lands on the checklist again while a step is open. */
	@Transactional
	public void reopen() {
		jdbc.sql("delete from setup_checklist").update();
	}

}
