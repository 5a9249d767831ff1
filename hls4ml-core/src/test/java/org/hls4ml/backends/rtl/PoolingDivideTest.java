package org.hls4ml.backends.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The average pooling's division by a constant count as a multiplication: exact for every magnitude it can get. */
class PoolingDivideTest {

    @Test
    void reciprocalGivesTheQuotientForEveryMagnitude() {
        for (int n = 2; n <= 13; n++) {
            for (int c = 3; c <= 70; c++) {
                if (Integer.bitCount(c) == 1) {
                    continue; // a shift
                }
                BigInteger m = PoolingRtl.reciprocal(n, c);
                int shift = n + Verilog.clog2(c);
                assertTrue(m.bitLength() <= n + 2, "n " + n + " c " + c);
                long mm = m.longValueExact();
                for (long x = 0; x < 1L << n; x++) {
                    assertEquals(x / c, (x * mm) >> shift, "n " + n + " c " + c + " x " + x);
                }
            }
        }
    }

    @Test
    void wideSumsToo() {
        int n = 41;
        for (int c : new int[] {3, 5, 6, 7, 9, 25, 625}) {
            BigInteger m = PoolingRtl.reciprocal(n, c);
            int shift = n + Verilog.clog2(c);
            for (long x : new long[] {0, 1, c - 1, c, 2L * c - 1, (1L << 40) - 1, 1L << 40, (1L << n) - 1,
                    (1L << n) - c, 123456789012L}) {
                assertEquals(BigInteger.valueOf(x / c), BigInteger.valueOf(x).multiply(m).shiftRight(shift),
                        "c " + c + " x " + x);
            }
        }
    }
}
