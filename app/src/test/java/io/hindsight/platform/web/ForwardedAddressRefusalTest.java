package io.hindsight.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForwardedAddressRefusalTest {

    @Test
    void anAddressIsKeptWithoutItsPort() {
        assertThat(ForwardedAddressRefusal.addressIn("192.0.2.9")).contains("192.0.2.9");
        assertThat(ForwardedAddressRefusal.addressIn("192.0.2.9:5123")).contains("192.0.2.9");
        assertThat(ForwardedAddressRefusal.addressIn("2001:db8::8")).contains("2001:db8::8");
        assertThat(ForwardedAddressRefusal.addressIn("[2001:db8::8]:443")).contains("2001:db8::8");
        assertThat(ForwardedAddressRefusal.addressIn("::1")).contains("::1");
    }

    @Test
    void anythingElseIsNoAddressAndIsNeverLookedUp() {
        assertThat(ForwardedAddressRefusal.addressIn("evil")).isEmpty();
        assertThat(ForwardedAddressRefusal.addressIn("256.0.0.1")).isEmpty();
        assertThat(ForwardedAddressRefusal.addressIn("example.com:80")).isEmpty();
        assertThat(ForwardedAddressRefusal.addressIn("2001:db8::8::9")).isEmpty();
        // a name Java would have resolved through DNS had it reached InetAddress.getByName
        assertThat(ForwardedAddressRefusal.addressIn(".:1")).isEmpty();
        assertThat(ForwardedAddressRefusal.addressIn(null)).isEmpty();
    }
}
