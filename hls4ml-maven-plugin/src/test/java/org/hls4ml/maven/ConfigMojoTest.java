package org.hls4ml.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hls4ml:config writing a starter configuration for the jet tagger KERAS_3layer of the shared reference models. */
class ConfigMojoTest {

    @TempDir
    Path dir;

    Path models;
    final List<String> info = new ArrayList<>();

    @BeforeEach
    void models() {
        String shared = System.getProperty("hls4ml.shared.dir");
        models = shared == null ? null : Path.of(shared).resolve("models/keras");
        if (models == null || !Files.isRegularFile(models.resolve("KERAS_3layer.json"))) {
            fail("the shared reference models are needed (system property hls4ml.shared.dir=" + shared
                    + ", set by the build to ../shared)");
        }
    }

    private ConfigMojo mojo(String granularity, File output, boolean overwrite) throws Exception {
        ConfigMojo mojo = new ConfigMojo();
        MavenProject project = new MavenProject();
        project.setFile(dir.resolve("pom.xml").toFile());
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setVersion("test");
        MojoFields.set(mojo, "project", project);
        MojoFields.set(mojo, "plugin", plugin);
        MojoFields.set(mojo, "model", models.resolve("KERAS_3layer.json").toFile());
        MojoFields.set(mojo, "weights", models.resolve("KERAS_3layer_weights.h5").toFile());
        MojoFields.set(mojo, "outputDirectory", dir.resolve("target/hls4ml").toFile());
        MojoFields.set(mojo, "engine", "auto");
        MojoFields.set(mojo, "granularity", granularity);
        MojoFields.set(mojo, "configOutput", output);
        MojoFields.set(mojo, "overwrite", overwrite);
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                info.add(content.toString());
            }
        });
        return mojo;
    }

    @Test
    void writesTheConfigurationAndSaysWhere() throws Exception {
        File out = dir.resolve("target/hls4ml/hls4ml_config.yml").toFile();
        mojo("name", out, false).execute();
        String yaml = Files.readString(out.toPath());
        assertTrue(yaml.contains("LayerName:") && yaml.contains("fc1_relu:") && yaml.contains("output_softmax_softmax:"),
                yaml);
        assertTrue(info.stream().anyMatch(l -> l.contains(out.getAbsolutePath()) && l.contains("'name'")), info.toString());
        assertTrue(info.stream().anyMatch(l -> l.contains("-Dhls4ml.config=")), info.toString());
    }

    @Test
    void anExistingFileIsKeptUnlessOverwriteIsSet() throws Exception {
        File out = dir.resolve("hls4ml_config.yml").toFile();
        Files.writeString(out.toPath(), "IOType: io_stream\n");
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> mojo("type", out, false).execute());
        assertTrue(e.getMessage().contains("already exists") && e.getMessage().contains("-Dhls4ml.overwrite=true"),
                e.getMessage());
        assertEquals("IOType: io_stream\n", Files.readString(out.toPath()));
        mojo("type", out, true).execute();
        assertTrue(Files.readString(out.toPath()).contains("LayerType:"));
    }

    @Test
    void anUnknownGranularityFailsNamingTheChoices() throws Exception {
        File out = dir.resolve("hls4ml_config.yml").toFile();
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> mojo("layers", out, false).execute());
        assertTrue(e.getMessage().contains("granularity 'layers'") && e.getMessage().contains("model, type or name"),
                e.getMessage());
        assertTrue(!out.exists());
    }
}
