package org.sacroguide.registry.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFormatTest {

    @Test
    void reads_quotes_commas_line_breaks_crlf_and_a_byte_order_mark() throws Exception {
        List<CsvFormat.Record> r = CsvFormat.parse("\uFEFFa,b\r\n\"x, y\",\"he said \"\"no\"\"\"\r\n\r\n\"two\nlines\",z\n");
        assertThat(r).hasSize(3);
        assertThat(r.get(0).fields()).containsExactly("a", "b");
        assertThat(r.get(1).fields()).containsExactly("x, y", "he said \"no\"");
        assertThat(r.get(2).line()).isEqualTo(4);
        assertThat(r.get(2).fields()).containsExactly("two\nlines", "z");
    }

    @Test
    void an_unclosed_quote_names_the_line_where_the_record_starts() {
        assertThatThrownBy(() -> CsvFormat.parse("a,b\nc,\"d\ne,f\n"))
                .isInstanceOf(CsvFormat.SyntaxException.class).hasMessage("line 2: a quoted field is not closed (missing \")");
    }

    @Test
    void writing_quotes_only_what_needs_it_and_reads_back() throws Exception {
        List<String> fields = List.of("plain", "a,b", "say \"hi\"", "", "two\nlines", " padded");
        String line = CsvFormat.line(fields);
        assertThat(line).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",,\"two\nlines\",\" padded\"\r\n");
        assertThat(CsvFormat.parse(line).get(0).fields()).isEqualTo(fields);
    }
}
