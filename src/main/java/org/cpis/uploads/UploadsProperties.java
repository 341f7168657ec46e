package org.cpis.uploads;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxFileSize a larger file is refused with 413 (the largest LA holds some tens of thousands of plans; the
 *     default leaves room for a national test load of a million rows)
 * @param maxRows a file with more data lines is refused with 413
 */
@ConfigurationProperties("cpis.uploads")
record UploadsProperties(
        @DefaultValue("512MB") DataSize maxFileSize,
        @DefaultValue("1000000") int maxRows) {}
