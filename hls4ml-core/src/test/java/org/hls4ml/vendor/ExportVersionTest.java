package org.hls4ml.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Maven versions as the {@code <major>.<minor>} that export_design -version and Vivado's IP catalog take. */
class ExportVersionTest {

    @Test
    void keepsTheFirstTwoNumbers() {
        assertEquals("1.0", ExportVersion.of("1.0.0-SNAPSHOT"));
        assertEquals("2.3", ExportVersion.of("2.3.4"));
        assertEquals("2.3", ExportVersion.of("2.3.4.5"));
        assertEquals("1.2", ExportVersion.of("1.2-rc1"));
        assertEquals("1.2", ExportVersion.of("1.2rc1"));
        assertEquals("7.0", ExportVersion.of("7"));
        assertEquals("7.0", ExportVersion.of("7-SNAPSHOT"));
        assertEquals("1.0", ExportVersion.of("1.x"));
        assertEquals("1.10", ExportVersion.of("01.10.0"));
        assertEquals("0.0", ExportVersion.of("000.00"));
        assertEquals("2026.1", ExportVersion.of(" 2026.1.0 "));
        assertFalse(ExportVersion.fallsBack("1.0.0-SNAPSHOT"));
    }

    @Test
    void fallsBackWithoutALeadingNumber() {
        for (String v : new String[] {null, "", "main-SNAPSHOT", "v1.2", ".1"}) {
            assertEquals(ExportVersion.FALLBACK, ExportVersion.of(v), String.valueOf(v));
            assertTrue(ExportVersion.fallsBack(v), String.valueOf(v));
        }
    }
}
