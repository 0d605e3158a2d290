package org.opencrm.web.setup;

/**
 * One step of an install's set-up, as the admin's checklist shows it.
 *
 * @param key names the step's messages ({@code setup.step.<key>.title} and {@code .help})
 * @param href the page where the admin does it
 * @param done whether the install's state shows it done
 */
public record SetupStep(String key, String href, boolean done) {

}
