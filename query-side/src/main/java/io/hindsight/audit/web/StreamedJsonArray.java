package io.hindsight.audit.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.springframework.http.MediaType;

/**
 * A JSON array written to the response element by element. Nothing is written before the first element (or the end,
 * for an empty array), so a refusal raised before it is still answered as a problem.
 */
final class StreamedJsonArray implements Consumer<Object> {

    private final ObjectMapper json;
    private final HttpServletResponse response;
    private JsonGenerator generator;

    StreamedJsonArray(ObjectMapper json, HttpServletResponse response) {
        this.json = json;
        this.response = response;
    }

    @Override
    public void accept(Object element) {
        try {
            started().writeObject(element);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ends the array, once every element is written. Not after a failure: one before the first element is answered as
     * a problem, one part-way leaves JSON that ends early, which no client takes for a whole answer.
     */
    void end() throws IOException {
        started().writeEndArray();
        generator.close();
    }

    private JsonGenerator started() throws IOException {
        if (generator == null) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            generator = json.getFactory().createGenerator(response.getOutputStream());
            generator.writeStartArray();
        }
        return generator;
    }
}
