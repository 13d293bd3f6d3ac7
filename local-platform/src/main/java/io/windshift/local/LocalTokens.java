package io.windshift.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local token issuer behind {@code ./windshift token}: an RSA key pair kept in
 * {@code .windshift/keys} and RS256 JWTs signed with it, using only the JDK.
 *
 * <pre>
 * LocalTokens [--keys DIR] --sub PERSON --roles R1,R2 [--email E] [--ttl SECONDS] [--issuer I] [--audience A]
 * LocalTokens [--keys DIR] --client CLIENT --scopes S1,S2 [--ttl SECONDS] [--issuer I] [--audience A]
 * LocalTokens [--keys DIR] --init
 * </pre>
 *
 * Person tokens carry {@code sub} and a {@code roles} array; client tokens carry {@code sub} and
 * {@code client_id} (both the client id) and a space-separated {@code scope} string (RFC 8693 / OAuth
 * style). Only the token is printed to stdout.
 */
public final class LocalTokens {

    public static final String KEY_ID = "windshift-local";
    public static final String DEFAULT_ISSUER = "windshift-local";
    public static final String DEFAULT_AUDIENCE = "windshift";
    public static final long DEFAULT_TTL_SECONDS = 3600;
    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalTokens() {
    }

    // ---------------------------------------------------------------- keys

    /**
     * Returns the key pair stored in {@code dir}, generating and writing an RSA 2048 pair first if
     * either file is missing: {@code jwt-private.pem} (PKCS#8, owner read/write only) and
     * {@code jwt-public.pem} (X.509 SubjectPublicKeyInfo).
     */
    public static synchronized KeyPair ensureKeyPair(Path dir) throws IOException {
        Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
        if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile)) {
            return new KeyPair(readPublicKey(publicFile), readPrivateKey(privateFile));
        }
        Files.createDirectories(dir);
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available in this JDK", e);
        }
        // Write to temporary files, then move into place, so a concurrent reader never sees half a key.
        Path tmpPrivate = Files.createTempFile(dir, ".jwt-private", ".tmp");
        trySetOwnerOnly(tmpPrivate);
        Files.writeString(tmpPrivate, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Path tmpPublic = Files.createTempFile(dir, ".jwt-public", ".tmp");
        Files.writeString(tmpPublic, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(tmpPublic, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.move(tmpPrivate, privateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpPublic, publicFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return pair;
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(unpem(file, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IOException("not an RSA PKCS#8 private key: " + file, e);
        }
    }

    public static PublicKey readPublicKey(Path file) throws IOException {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(unpem(file, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IOException("not an RSA X.509 public key: " + file, e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException("expected a PEM '" + type + "' block in " + file);
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    private static void trySetOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    // ---------------------------------------------------------------- tokens

    /**
     * Signs the claims as a compact RS256 JWS with header {@code {"alg":"RS256","typ":"JWT","kid":"windshift-local"}}.
     * Claim values may be strings, numbers, booleans, or collections of strings.
     */
    public static String sign(PrivateKey key, Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", KEY_ID);
        String signingInput = B64URL.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8))
                + "." + B64URL.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key", e);
        }
    }

    /** The registered claims every local token carries: iss, aud, iat, nbf, exp, jti. */
    public static Map<String, Object> standardClaims(String issuer, String audience, Instant now, long ttlSeconds) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + ttlSeconds);
        byte[] jti = new byte[16];
        RANDOM.nextBytes(jti);
        claims.put("jti", HexFormat.of().formatHex(jti));
        return claims;
    }

    /** Claims of a token for a person: {@code sub} and the {@code roles} array. */
    public static Map<String, Object> personClaims(String subject, List<String> roles, String email,
                                                   String issuer, String audience, Instant now, long ttlSeconds) {
        Map<String, Object> claims = standardClaims(issuer, audience, now, ttlSeconds);
        claims.put("sub", subject);
        claims.put("roles", List.copyOf(roles));
        if (email != null) {
            claims.put("email", email);
        }
        return claims;
    }

    /** Claims of a token for an integration client: {@code sub}, {@code client_id} and a space-separated {@code scope}. */
    public static Map<String, Object> clientClaims(String clientId, List<String> scopes,
                                                   String issuer, String audience, Instant now, long ttlSeconds) {
        Map<String, Object> claims = standardClaims(issuer, audience, now, ttlSeconds);
        claims.put("sub", clientId);
        claims.put("client_id", clientId);
        claims.put("scope", String.join(" ", scopes));
        return claims;
    }

    /** {@code ./windshift token}: see {@link TokenCommand}. */
    public static void main(String[] args) {
        System.exit(TokenCommand.run(args, System.out, System.err));
    }
}
