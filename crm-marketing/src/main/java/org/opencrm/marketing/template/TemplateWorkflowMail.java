package org.opencrm.marketing.template;

import java.util.Optional;
import org.opencrm.core.mail.RenderedMail;
import org.opencrm.core.workflow.WorkflowTemplates;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mail templates for workflow rules' "send template e-mail": merged for the record's
 * contact as a preview is ({@link TemplateService#preview}: merge fields, no tracking
 * links); core queues the mail in its outbox.
 */
@Component
class TemplateWorkflowMail implements WorkflowTemplates {

	private final JdbcClient jdbc;

	private final TemplateService templates;

	TemplateWorkflowMail(JdbcClient jdbc, TemplateService templates) {
		this.jdbc = jdbc;
		this.templates = templates;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> name(long templateId) {
		return jdbc.sql("select name from email_templates where id = ?")
			.param(templateId)
			.query(String.class)
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public RenderedMail render(long templateId, long contactId) {
		RenderedEmail r = templates.preview(templateId, contactId);
		return new RenderedMail(r.subject(), r.html(), r.text());
	}

}
