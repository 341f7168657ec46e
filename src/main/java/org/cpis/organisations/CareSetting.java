package org.cpis.organisations;

import org.cpis.shared.OdsCode;

/** A health organisation or site from which CP-IS is consulted, with its switchboard number if known. */
public record CareSetting(OdsCode odsCode, String name, CareSettingType type, String phone) {}
