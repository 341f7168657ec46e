package org.cpis.organisations;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * @param localAuthoritiesFile operator's local-authority CSV, upserted at start-up; absent means none
 * @param careSettingsFile operator's health organisation/site CSV, upserted at start-up; absent means none
 * @param operatorOdsCode the organisation that runs the hub (NHS England's ODS code by default)
 */
@ConfigurationProperties("cpis.organisations")
record OrganisationsProperties(
        Resource localAuthoritiesFile,
        Resource careSettingsFile,
        @DefaultValue("X24") String operatorOdsCode,
        @DefaultValue("NHS England") String operatorName) {}
