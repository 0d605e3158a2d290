package org.opencrm.web.admin.company;

import jakarta.validation.constraints.Size;
import org.opencrm.core.company.Branding;
import org.springframework.web.multipart.MultipartFile;

/** The company profile form: name, a new logo file, or taking the logo away. */
public class CompanyForm {

	@Size(max = 200)
	private String name;

	private MultipartFile logo;

	private boolean removeLogo;

	private long version;

	static CompanyForm of(Branding branding) {
		CompanyForm form = new CompanyForm();
		form.name = branding.name();
		form.version = branding.version();
		return form;
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public MultipartFile getLogo() {
		return logo;
	}

	public void setLogo(MultipartFile logo) {
		this.logo = logo;
	}

	public boolean isRemoveLogo() {
		return removeLogo;
	}

	public void setRemoveLogo(boolean removeLogo) {
		this.removeLogo = removeLogo;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
