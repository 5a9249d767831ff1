package org.hls4ml.converters.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hls4ml.converters.ConvertedLayer;
import org.hls4ml.testing.KerasModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pooling, padding, cropping and upsampling layers become hls4ml's classes with hls4ml's attribute names. */
class KerasReaderPoolingPaddingTest {

    @TempDir
    Path tmp;

    /** The converted layer 'layer' of a model input(shape) -> the Keras layer {@code kerasClass} with {@code config}. */
    private ConvertedLayer convert(int[] shape, String kerasClass, String config) throws Exception {
        KerasModelFiles.Model m = KerasModelFiles.sequential(tmp, kerasClass, shape, List.of("{\"class_name\": \""
                + kerasClass + "\", \"config\": {\"name\": \"layer\"" + config + "}}"), Map.of());
        return KerasReaderModelsTest.layer(KerasReader.read(m.json(), m.weights()), "layer");
    }

    private static Map<String, Object> attrs(Object... keyValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValue.length; i += 2) {
            m.put((String) keyValue[i], keyValue[i + 1]);
        }
        return m;
    }

    @Test
    void maxPooling2dSameGetsTensorFlowsPadsAndHls4mlNames() throws Exception {
        ConvertedLayer l = convert(new int[] {5, 6, 2}, "MaxPooling2D",
                ", \"pool_size\": [3, 3], \"strides\": [2, 2], \"padding\": \"same\"");
        assertEquals("Pooling2D", l.className());
        // height: out 3, padded by (3 - 1) * 2 + 3 - 5 = 2; width: out 3, padded by 1, the odd one after the data
        assertEquals(attrs("in_height", 5, "pool_height", 3, "stride_height", 2, "out_height", 3, "pad_top", 1,
                "pad_bottom", 1, "in_width", 6, "pool_width", 3, "stride_width", 2, "out_width", 3, "pad_left", 0,
                "pad_right", 1, "n_filt", 2, "pool_op", "max", "padding", "same"), new LinkedHashMap<>(l.attributes()));
    }

    @Test
    void averagePooling1dStridesDefaultToThePoolSize() throws Exception {
        ConvertedLayer l = convert(new int[] {7, 3}, "AveragePooling1D", ", \"pool_size\": [2], \"strides\": null");
        assertEquals("Pooling1D", l.className());
        assertEquals(attrs("in_width", 7, "pool_width", 2, "stride_width", 2, "out_width", 3, "pad_left", 0,
                "pad_right", 0, "n_filt", 3, "pool_op", "average", "padding", "valid"), new LinkedHashMap<>(l.attributes()));
    }

    @Test
    void globalPoolingKeepsTheInputSizeAndChannels() throws Exception {
        ConvertedLayer l = convert(new int[] {4, 5, 2}, "GlobalAveragePooling2D", "");
        assertEquals("GlobalPooling2D", l.className());
        assertEquals(attrs("in_height", 4, "in_width", 5, "n_filt", 2, "pool_op", "average"),
                new LinkedHashMap<>(l.attributes()));
    }

    @Test
    void paddingCroppingAndUpSamplingGetTheirAmounts() throws Exception {
        ConvertedLayer pad = convert(new int[] {3, 4, 1}, "ZeroPadding2D", ", \"padding\": [1, 2]");
        assertEquals("ZeroPadding2D", pad.className());
        assertEquals(attrs("in_height", 3, "out_height", 5, "pad_top", 1, "pad_bottom", 1, "in_width", 4,
                "out_width", 8, "pad_left", 2, "pad_right", 2, "n_chan", 1), new LinkedHashMap<>(pad.attributes()));
        ConvertedLayer crop = convert(new int[] {9, 2}, "Cropping1D", ", \"cropping\": [4, 1]");
        assertEquals("Cropping1D", crop.className());
        assertEquals(attrs("in_width", 9, "out_width", 4, "crop_left", 4, "crop_right", 1, "n_chan", 2),
                new LinkedHashMap<>(crop.attributes()));
        ConvertedLayer up = convert(new int[] {2, 3, 4}, "UpSampling2D", ", \"size\": [3, 2], \"interpolation\": \"nearest\"");
        assertEquals("UpSampling2D", up.className());
        assertEquals(attrs("in_height", 2, "out_height", 6, "height_factor", 3, "in_width", 3, "out_width", 6,
                "width_factor", 2, "n_chan", 4, "algorithm", "nearest"), new LinkedHashMap<>(up.attributes()));
    }
}
