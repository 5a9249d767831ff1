package org.hls4ml.backends;

import java.util.List;
import java.util.Locale;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.backends.vivado.VitisBackend;
import org.hls4ml.backends.vivado.VivadoBackend;

/** The known backends, by name (case-insensitive). */
public final class Backends {

    public static final List<String> NAMES = List.of("Vivado", "Vitis");

    private Backends() {
    }

    public static Backend get(String name) {
        switch (name == null ? "vivado" : name.trim().toLowerCase(Locale.ROOT)) {
            case "vivado":
                return new VivadoBackend();
            case "vitis":
                return new VitisBackend();
            default:
                throw new ConfigurationException("unknown backend '" + name + "'; known backends are " + NAMES);
        }
    }
}
