package org.opencrm.web.sales.product;

import jakarta.validation.Valid;
import org.opencrm.sales.product.ProductService;
import org.opencrm.web.system.OnRuleViolation;
import org.opencrm.web.system.PageSize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The product catalogue, for admins and managers. */
@Controller
@RequestMapping("/admin/products")
class ProductAdminController {

	private final ProductService products;

	ProductAdminController(ProductService products) {
		this.products = products;
	}

	@InitBinder("form")
	void noIds(WebDataBinder binder) {
		binder.setDisallowedFields("id");
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "false") boolean activeOnly, @RequestParam(required = false) String cursor,
			Model model) {
		model.addAttribute("activeOnly", activeOnly);
		model.addAttribute("page", products.list(activeOnly, cursor, PageSize.LIST));
		return "sales/products";
	}

	@GetMapping("/new")
	String newForm(Model model) {
		model.addAttribute("form", new ProductForm());
		return form(model, null);
	}

	@PostMapping
	@OnRuleViolation(form = "form")
	String create(@Valid @ModelAttribute("form") ProductForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return form(model, null);
		}
		products.create(form.toCommand());
		redirect.addFlashAttribute("flash", "flash.product.created");
		return "redirect:/admin/products";
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		model.addAttribute("form", ProductForm.of(products.get(id)));
		return form(model, id);
	}

	@PostMapping("/{id}")
	@OnRuleViolation(form = "form")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") ProductForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return form(model, id);
		}
		products.update(id, form.toCommand());
		redirect.addFlashAttribute("flash", "flash.saved");
		return "redirect:/admin/products";
	}

	/** Takes a product off sale or back on; sends the version seen. */
	@PostMapping("/{id}/active")
	String setActive(@PathVariable long id, @RequestParam boolean active, @RequestParam long version,
			RedirectAttributes redirect) {
		products.setActive(id, active, version);
		redirect.addFlashAttribute("flash", active ? "flash.product.activated" : "flash.product.deactivated");
		return "redirect:/admin/products";
	}

	private String form(Model model, Long id) {
		model.addAttribute("productId", id);
		return "sales/product-form";
	}

}
