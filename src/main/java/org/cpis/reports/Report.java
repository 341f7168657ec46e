package org.cpis.reports;

/** One report's figures: its chart (inline SVG) and the table of the same figures. */
record Report(ReportKind kind, String chartSvg, ReportTable table) {}
