package io.hindsight.platform.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After a request whose body was refused part-way, Tomcat would read the rest of the body before the connection's
 * next request; for a body that stopped arriving that held the thread as long as the refused read would have. A
 * request marked here is answered and its connection closed without reading further.
 */
public class RefusedBodyDrop extends ValveBase {

    private static final String MARK = RefusedBodyDrop.class.getName();

    public RefusedBodyDrop() {
        super(true);
    }

    /** Marks the request: what is left of its body is not read. */
    public static void dropTheRest(HttpServletRequest request) {
        request.setAttribute(MARK, Boolean.TRUE);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (request.getAttribute(MARK) != null) {
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }
}
