package org.opencrm.sales.opportunity;

import java.util.List;
import org.opencrm.sales.opportunity.OpportunityCommand.LineItem;
import org.opencrm.sales.pipeline.Stage;

/**
 * A deal command with what it refers to looked up: its pipeline (the default when it
 * named none), its stage (the pipeline's first open one when it named none), and its
 * lines with their prices (a product's list price when the line named none).
 */
record ResolvedDeal(OpportunityCommand command, long pipelineId, Stage stage, List<LineItem> lines) {
}
