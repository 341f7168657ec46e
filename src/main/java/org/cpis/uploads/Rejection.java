package org.cpis.uploads;

/** A rejected line of an upload: where and why, never what it held. */
public record Rejection(int line, RejectionReason reason, String column) {}
