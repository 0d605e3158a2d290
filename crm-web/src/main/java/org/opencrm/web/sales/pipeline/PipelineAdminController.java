package org.opencrm.web.sales.pipeline;

import java.util.List;
import org.opencrm.sales.pipeline.PipelineAdmin;
import org.opencrm.sales.pipeline.PipelineRow;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.sales.pipeline.StageKind;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin: pipelines (one default) and their stages — add, rename, reorder, deactivate,
 * delete unused.
 */
@Controller
@RequestMapping("/admin/pipelines")
class PipelineAdminController {

	private final PipelineService pipelines;

	private final PipelineAdmin admin;

	PipelineAdminController(PipelineService pipelines, PipelineAdmin admin) {
		this.pipelines = pipelines;
		this.admin = admin;
	}

	@GetMapping
	String page(@RequestParam(required = false) Long pipeline, Model model) {
		List<PipelineRow> all = pipelines.pipelines();
		PipelineRow chosen = pipeline == null ? all.stream().findFirst().orElse(null) : pipelines.pipeline(pipeline);
		model.addAttribute("pipelines", all);
		model.addAttribute("pipeline", chosen);
		model.addAttribute("stages", chosen == null ? List.of() : pipelines.stages(chosen.id()));
		model.addAttribute("kinds", StageKind.values());
		return "sales/admin/pipelines";
	}

	@PostMapping
	@OnRuleViolation(redirect = "/admin/pipelines")
	String create(@RequestParam(required = false) String name,
			@RequestParam(defaultValue = "false") boolean makeDefault, RedirectAttributes redirect) {
		return act(redirect, null, () -> admin.createPipeline(name, makeDefault));
	}

	@PostMapping("/{id}")
	@OnRuleViolation(redirect = "/admin/pipelines?pipeline={id}")
	String rename(@PathVariable long id, @RequestParam(required = false) String name, @RequestParam long version,
			RedirectAttributes redirect) {
		return act(redirect, id, () -> admin.renamePipeline(id, name, version));
	}

	@PostMapping("/{id}/default")
	@OnRuleViolation(redirect = "/admin/pipelines?pipeline={id}")
	String makeDefault(@PathVariable long id, RedirectAttributes redirect) {
		return act(redirect, id, () -> admin.makeDefault(id));
	}

	@PostMapping("/{id}/stages")
	@OnRuleViolation(redirect = "/admin/pipelines?pipeline={id}")
	String addStage(@PathVariable long id, @RequestParam(required = false) String name,
			@RequestParam(defaultValue = "-1") int probability, @RequestParam(required = false) StageKind kind,
			RedirectAttributes redirect) {
		return act(redirect, id, () -> admin.addStage(id, name, probability, kind));
	}

	@PostMapping("/{id}/stages/{stageId}")
	@OnRuleViolation(redirect = "/admin/pipelines?pipeline={id}")
	String updateStage(@PathVariable long id, @PathVariable long stageId, @RequestParam(required = false) String name,
			@RequestParam(defaultValue = "-1") int probability, @RequestParam(required = false) StageKind kind,
			@RequestParam long version, RedirectAttributes redirect) {
		return act(redirect, id, () -> admin.updateStage(stageId, name, probability, kind, version));
	}

	@PostMapping("/{id}/stages/{stageId}/move")
	@OnRuleViolation(redirect = "/admin/pipelines?pipeline={id}")
	String moveStage(@PathVariable long id, @PathVariable long stageId, @RequestParam(defaultValue = "true") boolean up,
			RedirectAttributes redirect) {
		return act(redirect, id, () -> admin.moveStage(stageId, up));
	}

	@PostMapping("/{id}/stages/{stageId}/active")
	@OnRuleViolation(redirect = "/admin/pipelines?pipeline={id}")
	String setActive(@PathVariable long id, @PathVariable long stageId, @RequestParam boolean active,
			RedirectAttributes redirect) {
		return act(redirect, id, () -> admin.setStageActive(stageId, active));
	}

	@PostMapping("/{id}/stages/{stageId}/delete")
	@OnRuleViolation(redirect = "/admin/pipelines?pipeline={id}")
	String deleteStage(@PathVariable long id, @PathVariable long stageId, RedirectAttributes redirect) {
		return act(redirect, id, () -> admin.deleteStage(stageId));
	}

	private String act(RedirectAttributes redirect, Long pipelineId, Runnable action) {
		action.run();
		redirect.addFlashAttribute("flash", "flash.saved");
		return "redirect:/admin/pipelines" + (pipelineId == null ? "" : "?pipeline=" + pipelineId);
	}

}
