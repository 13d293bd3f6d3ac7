package io.windshift.local;

import java.io.IOException;
import java.io.PrintStream;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
    private static final Pattern LIST_ITEM = Pattern.compile("[^\\s,\"\\\\]+");

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

    // ---------------------------------------------------------------- command line

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line, returning the exit code (0 ok, 2 bad arguments, 1 other failure). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path keys = Path.of(".windshift", "keys");
        String sub = null;
        String client = null;
        List<String> roles = null;
        List<String> scopes = null;
        String email = null;
        String issuer = DEFAULT_ISSUER;
        String audience = DEFAULT_AUDIENCE;
        long ttl = DEFAULT_TTL_SECONDS;
        boolean init = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help")) {
                    out.print(USAGE);
                    return 0;
                }
                if (arg.equals("--init")) {
                    init = true;
                    continue;
                }
                String value;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                } else {
                    if (i + 1 >= args.length) {
                        throw new BadArguments(arg + " needs a value");
                    }
                    value = args[++i];
                }
                switch (arg) {
                    case "--keys" -> keys = Path.of(nonBlank(arg, value));
                    case "--sub" -> sub = nonBlank(arg, value);
                    case "--client" -> client = nonBlank(arg, value);
                    case "--roles" -> roles = list(arg, value);
                    case "--scopes" -> scopes = list(arg, value);
                    case "--email" -> email = nonBlank(arg, value);
                    case "--issuer" -> issuer = nonBlank(arg, value);
                    case "--audience" -> audience = nonBlank(arg, value);
                    case "--ttl" -> ttl = positive(arg, value);
                    default -> throw new BadArguments("unknown argument: " + arg);
                }
            }
            if (!init) {
                if (sub != null && client != null) {
                    throw new BadArguments("give either --sub or --client, not both");
                }
                if (sub == null && client == null) {
                    throw new BadArguments("give --sub PERSON --roles R1,R2 or --client CLIENT --scopes S1,S2");
                }
                if (sub != null && (roles == null || scopes != null)) {
                    throw new BadArguments("--sub needs --roles (and no --scopes)");
                }
                if (client != null && (scopes == null || roles != null || email != null)) {
                    throw new BadArguments("--client needs --scopes (and no --roles or --email)");
                }
            }
        } catch (BadArguments e) {
            err.println("windshift token: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }

        try {
            KeyPair pair = ensureKeyPair(keys);
            if (init) {
                err.println("keys ready in " + keys.toAbsolutePath());
                return 0;
            }
            Instant now = Instant.now();
            Map<String, Object> claims = sub != null
                    ? personClaims(sub, roles, email, issuer, audience, now, ttl)
                    : clientClaims(client, scopes, issuer, audience, now, ttl);
            out.println(sign(pair.getPrivate(), claims));
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("windshift token: " + e);
            return 1;
        }
    }

    private static final String USAGE = """
            usage:
              windshift token --sub PERSON --roles ROLE1,ROLE2 [--email EMAIL] [options]
              windshift token --client CLIENT --scopes SCOPE1,SCOPE2 [options]
              windshift token --init          (only generate the key pair)
            options:
              --ttl SECONDS      lifetime (default 3600)
              --issuer ISS       iss claim (default windshift-local)
              --audience AUD     aud claim (default windshift)
              --keys DIR         key directory (default .windshift/keys)
            example:
              windshift token --sub p-1001 --roles ALLIANCE_MANAGER
              windshift token --client hr-system --scopes hr.events:write
            """;

    private static String nonBlank(String flag, String value) {
        if (value.isBlank() || value.startsWith("--")) {
            throw new BadArguments(flag + " needs a value");
        }
        return value;
    }

    private static List<String> list(String flag, String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!LIST_ITEM.matcher(trimmed).matches()) {
                throw new BadArguments(flag + ": invalid item '" + trimmed + "'");
            }
            items.add(trimmed);
        }
        if (items.isEmpty()) {
            throw new BadArguments(flag + " needs at least one value, comma-separated");
        }
        return items;
    }

    private static long positive(String flag, String value) {
        try {
            long n = Long.parseLong(value);
            if (n <= 0) {
                throw new BadArguments(flag + " must be positive");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadArguments(flag + " is not a number: " + value);
        }
    }

    private static final class BadArguments extends RuntimeException {
        BadArguments(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------- JSON

    /** A tiny JSON writer: objects of strings, numbers, booleans, null and string collections. */
    static final class Json {
        private Json() {
        }

        static String write(Map<String, ?> object) {
            StringBuilder sb = new StringBuilder();
            writeObject(sb, object);
            return sb.toString();
        }

        private static void writeObject(StringBuilder sb, Map<String, ?> object) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, ?> entry : object.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                writeString(sb, entry.getKey());
                sb.append(':');
                writeValue(sb, entry.getValue());
            }
            sb.append('}');
        }

        private static void writeValue(StringBuilder sb, Object value) {
            if (value == null) {
                sb.append("null");
            } else if (value instanceof String s) {
                writeString(sb, s);
            } else if (value instanceof Number || value instanceof Boolean) {
                if (value instanceof Double d && (d.isNaN() || d.isInfinite())
                        || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
                    throw new IllegalArgumentException("not a JSON number: " + value);
                }
                sb.append(value);
            } else if (value instanceof Collection<?> items) {
                sb.append('[');
                boolean first = true;
                for (Object item : items) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    writeValue(sb, item);
                }
                sb.append(']');
            } else if (value instanceof Object[] array) {
                writeValue(sb, Arrays.asList(array));
            } else if (value instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), v));
                writeObject(sb, copy);
            } else {
                throw new IllegalArgumentException("unsupported claim type: " + value.getClass().getName());
            }
        }

        private static void writeString(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    default -> {
                        if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
    }
}
