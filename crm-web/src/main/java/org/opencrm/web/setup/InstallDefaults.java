package org.opencrm.web.setup;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import org.opencrm.core.config.CrmSettings;
import org.opencrm.sales.pipeline.PipelineAdmin;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.sales.pipeline.StageKind;
import org.opencrm.service.queue.QueueService;
import org.opencrm.service.sla.PolicyCommand;
import org.opencrm.service.sla.SlaAdmin;
import org.opencrm.service.ticket.TicketPriority;
import org.springframework.stereotype.Component;

/**
 * What an empty install needs before anyone can work: a sales pipeline with stages, a
 * support queue, a business calendar and SLA policies. Made through each module's own
 * service, and only where the module has none yet, so running it twice changes nothing.
 */
@Component
class InstallDefaults {

	private final PipelineService pipelines;

	private final PipelineAdmin pipelineAdmin;

	private final QueueService queues;

	private final SlaAdmin sla;

	/** The office hours' calendar is in the install's zone ({@code crm.time-zone}). */
	private final String zone;

	InstallDefaults(PipelineService pipelines, PipelineAdmin pipelineAdmin, QueueService queues, SlaAdmin sla,
			CrmSettings settings) {
		this.zone = settings.timeZone();
		this.pipelines = pipelines;
		this.pipelineAdmin = pipelineAdmin;
		this.queues = queues;
		this.sla = sla;
	}

	void seed() {
		if (pipelines.pipelines().isEmpty()) {
			long pipeline = pipelineAdmin.createPipeline("Sales", true);
			pipelineAdmin.addStage(pipeline, "Qualification", 10, StageKind.OPEN);
			pipelineAdmin.addStage(pipeline, "Needs analysis", 25, StageKind.OPEN);
			pipelineAdmin.addStage(pipeline, "Proposal", 50, StageKind.OPEN);
			pipelineAdmin.addStage(pipeline, "Negotiation", 75, StageKind.OPEN);
			pipelineAdmin.addStage(pipeline, "Won", 100, StageKind.WON);
			pipelineAdmin.addStage(pipeline, "Lost", 0, StageKind.LOST);
		}
		if (queues.all().isEmpty()) {
			queues.create("Support", "Every ticket no routing rule sends elsewhere");
		}
		long calendar;
		if (sla.calendars().isEmpty()) {
			calendar = sla.createCalendar("Office hours", zone);
			Map<DayOfWeek, LocalTime[]> week = new EnumMap<>(DayOfWeek.class);
			for (DayOfWeek day : DayOfWeek.values()) {
				week.put(day, day.getValue() <= 5 ? new LocalTime[] { LocalTime.of(9, 0), LocalTime.of(17, 0) } : null);
			}
			sla.updateCalendar(calendar, zone, week, 0);
		}
		else {
			calendar = sla.calendars().get(0).id();
		}
		if (sla.policies().isEmpty()) {
			// Business minutes: first response and resolution per priority (the demo
			// desk's targets).
			policy("Standard urgent", TicketPriority.URGENT, calendar, 30, 240);
			policy("Standard high", TicketPriority.HIGH, calendar, 60, 480);
			policy("Standard normal", TicketPriority.NORMAL, calendar, 240, 1440);
			policy("Standard low", TicketPriority.LOW, calendar, 480, 2880);
		}
	}

	private void policy(String name, TicketPriority priority, long calendar, int firstResponse, int resolution) {
		sla.createPolicy(new PolicyCommand(name, priority, null, calendar, firstResponse, resolution, 80, true, false,
				false, 0));
	}

}
