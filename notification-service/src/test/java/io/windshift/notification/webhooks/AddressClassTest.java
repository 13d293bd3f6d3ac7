package io.windshift.notification.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, LOOPBACK", "127.255.255.254, LOOPBACK", "::1, LOOPBACK", "::ffff:127.0.0.1, LOOPBACK",
            "169.254.169.254, LINK_LOCAL", "169.254.0.1, LINK_LOCAL", "fe80::1, LINK_LOCAL", "::ffff:169.254.169.254, LINK_LOCAL",
            "10.0.0.1, PRIVATE", "10.255.255.255, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
            "fc00::1, PRIVATE", "fd12:3456::1, PRIVATE", "fec0::1, PRIVATE",
            "100.64.0.1, SHARED_CGNAT", "100.127.255.255, SHARED_CGNAT",
            "0.0.0.0, UNUSABLE", "0.1.2.3, UNUSABLE", "::, UNUSABLE", "224.0.0.1, UNUSABLE", "239.255.255.250, UNUSABLE",
            "255.255.255.255, UNUSABLE", "240.0.0.1, UNUSABLE", "ff02::1, UNUSABLE", "192.0.2.1, UNUSABLE", "198.18.0.1, UNUSABLE",
            "2001:db8::1, UNUSABLE",
            "64:ff9b::a00:1, PRIVATE", "2002:7f00:1::, LOOPBACK", "::a00:1, PRIVATE",
            "93.184.215.14, PUBLIC", "8.8.8.8, PUBLIC", "172.15.255.255, PUBLIC", "172.32.0.1, PUBLIC", "100.63.255.255, PUBLIC",
            "100.128.0.1, PUBLIC", "169.253.1.1, PUBLIC", "192.169.0.1, PUBLIC", "11.0.0.1, PUBLIC", "2606:4700::1111, PUBLIC",
            "64:ff9b::808:808, PUBLIC"})
    void classifiesEveryRangeTheWebhookPolicyCaresAbout(String literal, AddressClass expected) throws Exception {
        assertThat(AddressClass.of(InetAddress.getByName(literal))).isEqualTo(expected);
    }
}
