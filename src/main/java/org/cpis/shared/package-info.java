/**
 * Value types and infrastructure every module uses: identifiers, the clock, the database, request tracing.
 * Open so that modules may use its sub-packages; it must never depend on a feature module.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package org.cpis.shared;

import org.springframework.modulith.ApplicationModule;
