package org.opencrm.web.marketing.template;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.opencrm.marketing.template.TemplateCommand;
import org.opencrm.marketing.template.TemplateDetails;

/** An e-mail template as typed. */
class TemplateForm {

	@NotBlank
	@Size(max = 200)
	private String name;

	@NotBlank
	@Size(max = 300)
	private String subject;

	@NotBlank
	@Size(max = 200_000)
	private String htmlBody;

	@NotBlank
	@Size(max = 100_000)
	private String textBody;

	private long version;

	static TemplateForm empty() {
		TemplateForm f = new TemplateForm();
		f.subject = "News for {{contact.firstName}}";
		f.htmlBody = "<html>\n<body>\n<p>Dear {{contact.firstName}},</p>\n<p></p>\n<p>{{owner.signature}}</p>\n"
				+ "<p><a href=\"{{unsubscribeUrl}}\">Unsubscribe</a></p>\n</body>\n</html>";
		f.textBody = "Dear {{contact.firstName}},\n\n\n{{owner.signature}}\n\nUnsubscribe: {{unsubscribeUrl}}";
		return f;
	}

	static TemplateForm of(TemplateDetails t) {
		TemplateForm f = new TemplateForm();
		f.name = t.name();
		f.subject = t.subject();
		f.htmlBody = t.htmlBody();
		f.textBody = t.textBody();
		f.version = t.version();
		return f;
	}

	TemplateCommand toCommand() {
		return new TemplateCommand(name.trim(), subject.trim(), htmlBody, textBody, version);
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getSubject() {
		return subject;
	}

	public void setSubject(String subject) {
		this.subject = subject;
	}

	public String getHtmlBody() {
		return htmlBody;
	}

	public void setHtmlBody(String htmlBody) {
		this.htmlBody = htmlBody;
	}

	public String getTextBody() {
		return textBody;
	}

	public void setTextBody(String textBody) {
		this.textBody = textBody;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
