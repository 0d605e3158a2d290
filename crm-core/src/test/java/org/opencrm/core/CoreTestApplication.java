package org.opencrm.core;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots crm-core alone for its own tests. */
@SpringBootApplication
class CoreTestApplication {
}
