package io.windshift.notification.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

    final Map<String, String> dns = new HashMap<>(Map.of(
            "hooks.example.com", "93.184.215.14", "a.hooks.example.com", "93.184.215.15", "internal.corp", "10.1.2.3",
            "x.corp", "10.1.2.4", "localhost", "127.0.0.1", "zero.example.com", "0.0.0.0"));
    final HostResolver resolver = host -> {
        String literal = dns.get(host);
        if (literal == null) {
            try {
                return new InetAddress[] {InetAddress.getByAddress(host, InetAddress.getByName(host).getAddress())};
            } catch (UnknownHostException e) {
                throw new UnknownHostException(host);
            }
        }
        return new InetAddress[] {InetAddress.getByAddress(host, InetAddress.getByName(literal).getAddress())};
    };

    @Test
    void withoutAnAllowListAnyHostWithOnlyPublicAddressesIsAccepted() {
        WebhookTargets targets = new WebhookTargets(List.of(), false, resolver);
        assertThat(targets.refusal("https://hooks.example.com/x")).isEmpty();
        assertThat(targets.refusal("http://localhost:8080/x")).hasValueSatisfying(r -> assertThat(r).contains("127.0.0.1 (loopback)"));
        assertThat(targets.refusal("http://internal.corp/x")).hasValueSatisfying(r -> assertThat(r).contains("(private)"));
        assertThat(targets.refusal("http://169.254.169.254/latest/meta-data")).hasValueSatisfying(r -> assertThat(r).contains("link-local"));
        assertThat(targets.refusal("http://[fd00::1]/x")).hasValueSatisfying(r -> assertThat(r).contains("private"));
        assertThat(targets.refusal("http://user:pw@hooks.example.com/x")).hasValue("must not carry credentials");
        assertThat(targets.refusal("file:///etc/passwd")).hasValue("must be an absolute http(s) URL");
        assertThat(targets.refusal("https://unknown.invalid/x")).hasValueSatisfying(r -> assertThat(r).contains("does not resolve"));
    }

    @Test
    void anAllowListTakesExactHostsAndWildcardSubdomainsOnly() {
        WebhookTargets targets = new WebhookTargets(List.of("hooks.example.com", "*.hooks.example.com"), false, resolver);
        assertThat(targets.refusal("https://hooks.example.com/x")).isEmpty();
        assertThat(targets.refusal("https://A.Hooks.Example.com./x")).as("case and a trailing dot").isEmpty();
        assertThat(targets.refusal("https://evilhooks.example.com/x")).hasValueSatisfying(r -> assertThat(r).contains("not in"));
        assertThat(targets.refusal("https://8.8.8.8/x")).hasValueSatisfying(r -> assertThat(r).contains("not in"));
    }

    @Test
    void privateAddressesNeedAnExactEntryOrAllowPrivateNetworksAndUnusableOnesAreNeverAllowed() throws Exception {
        WebhookTargets listed = new WebhookTargets(List.of("internal.corp", "127.0.0.1", "*.corp", "zero.example.com"), false, resolver);
        assertThat(listed.refusal("http://internal.corp/x")).as("vouched for by name").isEmpty();
        assertThat(listed.refusal("http://127.0.0.1:8080/x")).as("vouched for by literal").isEmpty();
        assertThat(listed.refusal("http://x.corp/x")).as("a wildcard vouches for no address").isPresent();
        assertThat(listed.refusal("http://zero.example.com/x")).hasValueSatisfying(r -> assertThat(r).contains("no webhook can use"));

        WebhookTargets open = new WebhookTargets(List.of(), true, resolver);
        assertThat(open.refusal("http://localhost:8080/x")).isEmpty();
        assertThat(open.refusal("http://169.254.169.254/x")).isEmpty();
        assertThat(open.refusal("http://0.0.0.0:8080/x")).isPresent();
        assertThat(open.refusal("http://224.0.0.1/x")).isPresent();
    }

    @Test
    void aHostRePointedAtAPrivateAddressIsRefusedWhenResolvedAgain() throws Exception {
        WebhookTargets targets = new WebhookTargets(List.of(), false, resolver);
        assertThat(targets.resolveChecked("hooks.example.com")).extracting(InetAddress::getHostAddress).containsExactly("93.184.215.14");
        dns.put("hooks.example.com", "127.0.0.1");
        assertThatThrownBy(() -> targets.resolveChecked("hooks.example.com")).isInstanceOf(WebhookTargets.Refused.class)
                .hasMessageContaining("127.0.0.1 (loopback)");
    }
}
