package io.windshift.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class LocalTokensTest {

    @TempDir
    Path dir;

    @Test
    void generatesTheKeyPairOnceAndReusesIt() throws Exception {
        KeyPair first = LocalTokens.ensureKeyPair(dir);
        Path privateFile = dir.resolve("jwt-private.pem");
        Path publicFile = dir.resolve("jwt-public.pem");
        String privatePem = Files.readString(privateFile);
        String publicPem = Files.readString(publicFile);

        KeyPair second = LocalTokens.ensureKeyPair(dir);

        assertThat(second.getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
        assertThat(second.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
        assertThat(Files.readString(privateFile)).isEqualTo(privatePem);
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile))).isEqualTo("rw-------");
        assertThat(first.getPublic().getAlgorithm()).isEqualTo("RSA");
        assertThat(((java.security.interfaces.RSAPublicKey) first.getPublic()).getModulus().bitLength()).isEqualTo(2048);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("jwt-private.pem", "jwt-public.pem");
        }
    }

    @Test
    void signVerifiesWithThePublicKey() throws Exception {
        KeyPair pair = LocalTokens.ensureKeyPair(dir);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "p-1\"quoted\"\n");
        claims.put("n", 42L);
        claims.put("list", List.of("a", "b"));

        String token = LocalTokens.sign(pair.getPrivate(), claims);

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(verify(token, LocalTokens.readPublicKey(dir.resolve("jwt-public.pem")))).isTrue();
        assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"windshift-local\"}");
        assertThat(decode(parts[1])).isEqualTo("{\"sub\":\"p-1\\\"quoted\\\"\\n\",\"n\":42,\"list\":[\"a\",\"b\"]}");
        assertThat(token).doesNotContain("=", "+", "/");

        KeyPair other = LocalTokens.ensureKeyPair(dir.resolve("other"));
        assertThat(verify(token, other.getPublic())).isFalse();
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"admin\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(verify(tampered, pair.getPublic())).isFalse();
    }

    @Test
    void personTokenFromTheCommandLine() throws Exception {
        long before = Instant.now().getEpochSecond();
        Result result = run("--keys", dir.toString(), "--sub", "p-1001", "--roles", "ALLIANCE_MANAGER,FINANCE",
                "--email", "ada@example.com");

        assertThat(result.code).isZero();
        assertThat(result.err).isEmpty();
        String token = result.out.strip();
        assertThat(result.out).isEqualTo(token + System.lineSeparator());
        assertThat(verify(token, LocalTokens.readPublicKey(dir.resolve("jwt-public.pem")))).isTrue();
        String payload = decode(token.split("\\.")[1]);
        assertThat(string(payload, "iss")).isEqualTo("windshift-local");
        assertThat(string(payload, "aud")).isEqualTo("windshift");
        assertThat(string(payload, "sub")).isEqualTo("p-1001");
        assertThat(string(payload, "email")).isEqualTo("ada@example.com");
        assertThat(payload).contains("\"roles\":[\"ALLIANCE_MANAGER\",\"FINANCE\"]");
        assertThat(payload).doesNotContain("scope", "client_id");
        long iat = number(payload, "iat");
        assertThat(iat).isBetween(before, Instant.now().getEpochSecond());
        assertThat(number(payload, "nbf")).isEqualTo(iat);
        assertThat(number(payload, "exp")).isEqualTo(iat + 3600);
        assertThat(string(payload, "jti")).matches("[0-9a-f]{32}");
    }

    @Test
    void clientTokenFromTheCommandLine() throws Exception {
        Result result = run("--keys", dir.toString(), "--client", "hr-system", "--scopes",
                "hr.events:write,finance.events:write", "--ttl", "60", "--issuer", "https://issuer.test",
                "--audience", "other");

        assertThat(result.code).isZero();
        String token = result.out.strip();
        assertThat(verify(token, LocalTokens.readPublicKey(dir.resolve("jwt-public.pem")))).isTrue();
        String payload = decode(token.split("\\.")[1]);
        assertThat(string(payload, "sub")).isEqualTo("hr-system");
        assertThat(string(payload, "client_id")).isEqualTo("hr-system");
        assertThat(string(payload, "scope")).isEqualTo("hr.events:write finance.events:write");
        assertThat(string(payload, "iss")).isEqualTo("https://issuer.test");
        assertThat(string(payload, "aud")).isEqualTo("other");
        assertThat(number(payload, "exp") - number(payload, "iat")).isEqualTo(60);
        assertThat(payload).doesNotContain("roles");
    }

    @Test
    void twoTokensShareTheKeyButNotTheJti() throws Exception {
        String a = run("--keys", dir.toString(), "--sub", "p", "--roles", "R").out.strip();
        String b = run("--keys", dir.toString(), "--sub", "p", "--roles", "R").out.strip();
        PublicKey key = LocalTokens.readPublicKey(dir.resolve("jwt-public.pem"));
        assertThat(verify(a, key)).isTrue();
        assertThat(verify(b, key)).isTrue();
        assertThat(string(decode(a.split("\\.")[1]), "jti")).isNotEqualTo(string(decode(b.split("\\.")[1]), "jti"));
    }

    @Test
    void initOnlyGeneratesKeys() throws Exception {
        Result result = run("--keys", dir.toString(), "--init");
        assertThat(result.code).isZero();
        assertThat(result.out).isEmpty();
        assertThat(dir.resolve("jwt-private.pem")).exists();
        assertThat(dir.resolve("jwt-public.pem")).exists();
    }

    @Test
    void badArgumentsExitWithTwoAndUsage() {
        for (String[] args : List.of(
                new String[] {},
                new String[] {"--sub", "p"},
                new String[] {"--client", "c"},
                new String[] {"--sub", "p", "--roles", "R", "--client", "c", "--scopes", "s"},
                new String[] {"--sub", "p", "--roles", ","},
                new String[] {"--sub", "p", "--roles", "R", "--ttl", "-5"},
                new String[] {"--sub", "p", "--roles", "R", "--ttl", "x"},
                new String[] {"--bogus", "x"},
                new String[] {"--sub"})) {
            Result result = run(prepend(dir.toString(), args));
            assertThat(result.code).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.out).isEmpty();
            assertThat(result.err).contains("usage:");
        }
        assertThat(dir.resolve("jwt-private.pem")).doesNotExist();
    }

    // ---------------------------------------------------------------- helpers

    private static String[] prepend(String keys, String[] args) {
        String[] all = new String[args.length + 2];
        all[0] = "--keys";
        all[1] = keys;
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TokenCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static boolean verify(String token, PublicKey key) throws Exception {
        int lastDot = token.lastIndexOf('.');
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String string(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as("claim %s in %s", name, json).isTrue();
        return m.group(1);
    }

    private static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(-?\\d+)").matcher(json);
        assertThat(m.find()).as("claim %s in %s", name, json).isTrue();
        return Long.parseLong(m.group(1));
    }
}
