package io.hindsight.platform.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/** A request body's stream that watches its reads and leaves the rest to the container's stream. */
abstract class ForwardingServletInputStream extends ServletInputStream {

    protected final ServletInputStream delegate;

    ForwardingServletInputStream(ServletInputStream delegate) {
        this.delegate = delegate;
    }

    @Override
    public int available() throws IOException {
        return delegate.available();
    }

    @Override
    public boolean isFinished() {
        return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        delegate.setReadListener(listener);
    }
}
