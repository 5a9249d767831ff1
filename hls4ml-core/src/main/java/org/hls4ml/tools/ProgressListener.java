package org.hls4ml.tools;

/**
 * Where the core reports progress. The core never prints: the Maven plugin maps these calls onto its log, tests collect
 * them or pass {@link #NONE}. Implementations must be thread-safe: output of native tools arrives on drain threads.
 */
public interface ProgressListener {

    /** A listener that drops everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void info(String msg) {
        }

        @Override
        public void warn(String msg) {
        }

        @Override
        public String toString() {
            return "ProgressListener.NONE";
        }
    };

    /** A step started or finished ("C simulation: compiled myproject in 4.9 s"). */
    void info(String msg);

    /** Something the user should look at that does not stop the build. */
    void warn(String msg);

    /** Detail: commands run and every line native tools print. */
    default void debug(String msg) {
    }
}
