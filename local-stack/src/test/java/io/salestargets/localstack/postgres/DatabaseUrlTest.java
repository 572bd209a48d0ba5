package io.salestargets.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void readsTheLibpqForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:s%40cret@db.internal:6543/targets?sslmode=require");

        assertThat(url.host()).isEqualTo("db.internal");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.database()).isEqualTo("targets");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/targets?sslmode=require");
        assertThat(url.toString()).doesNotContain("cret");
    }

    @Test
    void readsJdbcUrlsWithCredentialsInTheQuery() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost/targets?user=app&password=pw");

        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("pw");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/targets");
    }

    @Test
    void defaultsToUserPostgresWithoutPassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://127.0.0.1/targets");

        assertThat(url.user()).isEqualTo("postgres");
        assertThat(url.password()).isEmpty();
    }

    @Test
    void refusesWhatIsNotAPostgresUrl() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://localhost/targets")).hasMessageContaining("postgres://");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://localhost")).hasMessageContaining("database");
    }
}
