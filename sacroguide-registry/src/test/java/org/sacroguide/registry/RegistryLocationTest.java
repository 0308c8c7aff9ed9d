package org.sacroguide.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryLocationTest {

    @TempDir
    Path tmp;

    @Test
    void the_default_is_an_embedded_h2_file_under_the_home_folder() {
        RegistryLocation d = RegistryLocation.defaultEmbedded();
        assertThat(d.jdbcUrl()).startsWith("jdbc:h2:file:").endsWith("/.sacroguide/registry/registry;WRITE_DELAY=0");
        assertThat(d.isPostgres()).isFalse();
    }

    @Test
    void an_explicit_url_wins_over_a_config_file_which_wins_over_the_default() throws Exception {
        Path cfg = tmp.resolve("registry.properties");
        Files.writeString(cfg, "url=jdbc:postgresql://127.0.0.1:5432/dept\nuser=coordinator\npassword=secret\n");
        RegistryLocation fromFile = RegistryLocation.resolve(null, null, null, cfg);
        assertThat(fromFile.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/dept");
        assertThat(fromFile.user()).isEqualTo("coordinator");
        assertThat(fromFile.toString()).doesNotContain("secret");
        assertThat(RegistryLocation.resolve("jdbc:h2:mem:x", null, null, cfg).jdbcUrl()).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void refuses_other_databases_and_config_files_without_url() throws Exception {
        assertThatThrownBy(() -> RegistryLocation.of("jdbc:mysql://host/db")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a jdbc:h2: or jdbc:postgresql: URL");
        Path cfg = tmp.resolve("bad.properties");
        Files.writeString(cfg, "user=x\n");
        assertThatThrownBy(() -> RegistryLocation.fromConfig(cfg)).isInstanceOf(RegistryException.class).hasMessageContaining("no url=");
        assertThat(RegistryLocation.of("jdbc:postgresql://h/db?user=a&password=p").toString()).contains("password=***");
    }

    @Test
    void an_unreachable_database_gives_a_readable_error() {
        assertThatThrownBy(() -> Registry.open(RegistryLocation.of("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2"), "t"))
                .isInstanceOf(RegistryException.class).hasMessageStartingWith("cannot open the registry database jdbc:postgresql://127.0.0.1:1/none");
    }
}
