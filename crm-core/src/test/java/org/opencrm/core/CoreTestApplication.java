package org.opencrm.core;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.TestComponent;

/**
 * Boots crm-core alone for its own tests. Marked as a test component so the application's
 * component scan skips it when crm-web's tests see core's test classes.
 */
@SpringBootApplication
@TestComponent
class CoreTestApplication {

}
