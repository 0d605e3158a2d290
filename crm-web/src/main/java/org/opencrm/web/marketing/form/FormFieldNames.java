package org.opencrm.web.marketing.form;

import org.opencrm.marketing.form.FormField;
import org.springframework.stereotype.Component;

/**
 * Templates name a submitted value's field by its parameter; this gives the field whose
 * label to show.
 */
@Component("formFieldNames")
class FormFieldNames {

	public String of(String param) {
		return FormField.byParam(param).map(Enum::name).orElse("MESSAGE");
	}

}
